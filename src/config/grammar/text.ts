/** At most this many characters of a user value go into a message. */
export const MESSAGE_VALUE_MAX = 64;

/**
 * A user value as it may appear in a message: JSON-quoted (so a newline or a control character
 * cannot break the one-line-per-problem output), and cut to MESSAGE_VALUE_MAX characters with a
 * marker saying how long it really is.
 */
export function quote(value: string): string {
  if (value.length <= MESSAGE_VALUE_MAX) return JSON.stringify(value);
  return `${JSON.stringify(value.slice(0, MESSAGE_VALUE_MAX - 16))}...(${value.length} characters)`;
}

/**
 * Characters no config string may hold: C0 and C1 controls (newline, NUL, ...), DEL, the Unicode
 * line and paragraph separators (line breaks to JavaScript, not to YAML), the bidirectional
 * overrides and isolates that make text read differently than it parses, and the BOM.
 */
// eslint-disable-next-line no-control-regex
export const FORBIDDEN_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/;

/** What FORBIDDEN_CHARACTER found, for a message: `U+000A`. */
export function forbiddenCharacter(value: string): string | undefined {
  const m = FORBIDDEN_CHARACTER.exec(value);
  return m ? `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} at position ${m.index + 1}` : undefined;
}

/** Up to `max` values for a message, quoted, then how many more: a list of a thousand names stays one short line. */
export function listed(values: readonly string[], max = 5): string {
  const shown = values.slice(0, max).map(quote).join(', ');
  return values.length > max ? `${shown} and ${values.length - max} more` : shown;
}
