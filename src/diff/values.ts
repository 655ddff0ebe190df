/** Longest value shown in a review comment or terminal. */
export const VALUE_CHARS = 120;
/** Longest value in the full output (`--output`). */
export const FULL_VALUE_CHARS = 4000;

// Strings YAML would read as another type, or that lose meaning unquoted: shown JSON-quoted.
const NEEDS_QUOTES = /^$|^\s|\s$|[\n\r\t"]|^(true|false|null|yes|no|on|off|~|[-+]?(\d[\d_]*)?\.?\d+([eE][-+]?\d+)?|0x[0-9a-fA-F]+)$/i;

/** `s` cut to at most `max` characters, ending in a marker that says how much was cut. */
export function shorten(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.length - max;
  // The marker's own length counts: remove enough that marker and kept text fit `max`.
  for (let keep = max - 1; keep > 0; keep--) {
    const marker = `…[+${s.length - keep} chars]`;
    if (keep + marker.length <= max) return s.slice(0, keep) + marker;
  }
  return `…[+${cut} chars]`.slice(0, max);
}

/** One value on one line: strings bare when unambiguous, everything else as JSON. */
export function renderValue(v: unknown, max = VALUE_CHARS): string {
  if (v === undefined) return '(absent)';
  const s = typeof v === 'string' && !NEEDS_QUOTES.test(v) ? v : JSON.stringify(v);
  return shorten(s, max);
}

/** `1,000`: counts as a reviewer reads them. */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}
