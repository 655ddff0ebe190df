import { stringify } from 'yaml';

/**
 * A fast YAML writer for manifests, byte-identical to `yaml`'s
 * `stringify(obj, YAML_OPTIONS)` (a golden test holds it to that).
 *
 * The `yaml` library builds a document tree per object: at a thousand clusters that was
 * most of the synth time. Here the block structure (maps, sequences, indentation) is written
 * directly, and each distinct scalar is still rendered once by the library and cached, so
 * quoting and block scalars follow its rules exactly.
 */
export const YAML_OPTIONS = { lineWidth: 0, aliasDuplicateObjects: false } as const;

interface Scalar {
  /** Rendered text when it fits on the line after `key: ` or `- `. */
  readonly inline?: string;
  /** A block scalar rendered as a document: its header (`|-`) and its lines, unindented. */
  readonly block?: { readonly header: string; readonly lines: readonly string[] };
}

/** Thrown for shapes this writer does not cover: the caller falls back to the library. */
class Unsupported extends Error {}

const strings = new Map<string, Scalar>();

/**
 * Strings the library writes plain, as they are: a letter first (no number, `.inf` or indicator),
 * then only letters, digits and `-./`, with at least one non-letter (so not `true`, `null`,
 * `yes`...). Most names, labels and API versions; the rest are rendered by the library.
 */
const PLAIN = /^[A-Za-z](?=[A-Za-z]*[-./0-9])[-./0-9A-Za-z]*$/;

function renderString(value: string): Scalar {
  if (PLAIN.test(value)) return { inline: value };
  let s = strings.get(value);
  if (s === undefined) {
    const text = stringify(value, YAML_OPTIONS).slice(0, -1);
    const nl = text.indexOf('\n');
    s = nl < 0 ? { inline: text } : { block: { header: text.slice(0, nl), lines: text.slice(nl + 1).split('\n') } };
    // An indentation indicator (`|1-`, for text starting with a space) depends on the context.
    if (s.block && /\d/.test(s.block.header)) throw new Unsupported();
    strings.set(value, s);
  }
  return s;
}

function scalar(value: unknown): Scalar | undefined {
  switch (typeof value) {
    case 'string':
      return renderString(value);
    case 'boolean':
      return { inline: value ? 'true' : 'false' };
    case 'number':
      if (!Number.isFinite(value)) throw new Unsupported();
      return { inline: String(value) };
    case 'object':
      if (value === null) return { inline: 'null' };
      return undefined;
    default:
      throw new Unsupported();
  }
}

function spaces(n: number): string {
  return ' '.repeat(n);
}

/** Writes `value` after `lead` (`key:` or `-` with its indent); `indent` is the lead's own indent. */
function writeValue(out: string[], lead: string, value: unknown, indent: number, childIndent: number): void {
  const s = scalar(value);
  if (s !== undefined) {
    if (s.inline !== undefined) {
      out.push(`${lead} ${s.inline}\n`);
    } else {
      const { header, lines } = s.block!;
      out.push(`${lead} ${header}\n`);
      const pad = spaces(indent + 2);
      for (const line of lines) out.push(line === '' ? '\n' : `${pad}${line}\n`);
    }
    return;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) {
      out.push(`${lead} []\n`);
      return;
    }
    out.push(`${lead}\n`);
    writeSeq(out, value, childIndent);
    return;
  }
  const keys = Object.keys(value as object);
  if (keys.length === 0) {
    out.push(`${lead} {}\n`);
    return;
  }
  out.push(`${lead}\n`);
  writeMap(out, value as Record<string, unknown>, keys, childIndent, spaces(childIndent));
}

function key(k: string): string {
  const s = renderString(k);
  if (s.inline === undefined) throw new Unsupported();
  return s.inline;
}

/** A map at `indent`; its first line starts with `firstPrefix` (spaces, or `- ` inside a sequence). */
function writeMap(out: string[], map: Record<string, unknown>, keys: readonly string[], indent: number, firstPrefix: string): void {
  const pad = spaces(indent);
  keys.forEach((k, i) => {
    const v = map[k];
    if (v === undefined) throw new Unsupported();
    writeValue(out, `${i === 0 ? firstPrefix : pad}${key(k)}:`, v, indent, indent + 2);
  });
}

/** A block sequence whose dashes stand at `indent`. */
function writeSeq(out: string[], seq: readonly unknown[], indent: number): void {
  const pad = spaces(indent);
  for (const item of seq) {
    if (item === undefined) throw new Unsupported();
    if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
      const keys = Object.keys(item);
      if (keys.length > 0) {
        writeMap(out, item as Record<string, unknown>, keys, indent + 2, `${pad}- `);
        continue;
      }
    }
    if (Array.isArray(item) && item.length > 0) {
      // `- - x`: the inner sequence's first dash shares the line.
      const inner: string[] = [];
      writeSeq(inner, item, indent + 2);
      inner[0] = `${pad}- ${inner[0].slice(indent + 2)}`;
      out.push(...inner);
      continue;
    }
    writeValue(out, `${pad}-`, item, indent, indent + 2);
  }
}

/** One manifest as a YAML document, exactly as `stringify(obj, YAML_OPTIONS)` writes it. */
export function manifestToYaml(obj: object): string {
  try {
    const out: string[] = [];
    const keys = Object.keys(obj);
    if (Array.isArray(obj) || keys.length === 0) throw new Unsupported();
    writeMap(out, obj as Record<string, unknown>, keys, 0, '');
    return out.join('');
  } catch (e) {
    if (e instanceof Unsupported) return stringify(obj, YAML_OPTIONS);
    throw e;
  }
}
