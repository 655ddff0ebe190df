import { Document, Scalar as YamlScalar, parseDocument, stringify, visit } from 'yaml';

/**
 * A fast YAML writer for manifests, byte-identical to `referenceYaml(obj)`: the `yaml` library's
 * rendering with YAML_OPTIONS, plus double quotes on the strings a YAML 1.1 reader would read
 * as something else (a golden test holds it to that).
 *
 * The `yaml` library builds a document tree per object: at a thousand clusters that was
 * most of the synth time. Here the block structure (maps, sequences, indentation) is written
 * directly, and each distinct scalar is still rendered once by the library and cached, so
 * quoting and block scalars follow its rules exactly.
 */
export const YAML_OPTIONS = { lineWidth: 0, aliasDuplicateObjects: false, directives: true } as const;
/** The same without the `---` marker: for a scalar rendered on its own. */
const SCALAR_OPTIONS = { lineWidth: 0, aliasDuplicateObjects: false } as const;

/**
 * Integers and floats as Go's YAML 1.1 reader (sigs.k8s.io/yaml -> yaml.v2, what kubectl and
 * Argo CD use) resolves them after dropping every `_`: `strconv.ParseInt(s, 0, 64)` takes
 * `0x`/`0X`, `0o`/`0O`, `0b`/`0B` and a leading `0` as octal; floats must match yamlStyleFloat
 * (go-yaml/yaml@v2.4.0:resolve.go). Broader than the 1.1 spec (`0X1F`, `0o17`): quoting more is
 * harmless, reading a string as a number is not.
 */
const GO_INT = /^[-+]?(?:0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|[0-9]+)$/;
const GO_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
/**
 * Scalars that are not strings in YAML 1.1 whatever the library's 1.1 schema says: the merge key
 * `<<` (yaml.v2 resolves it as a value too) and the value key `=` (PyYAML, which yamllint uses,
 * resolves it to !!value and cannot construct it).
 */
const YAML11_KEYS = new Set(['<<', '=']);
/**
 * Every YAML 1.1 scalar that is not a string starts with a sign, digit or dot (int, float,
 * sexagesimal, timestamp, .inf, .nan), is `~`, `<<`, `=`, or is a word of at most five letters
 * (y, n, yes, no, on, off, true, false, null and their capitalizations): the rest skip the parses.
 */
const MAYBE_NOT_STRING_11 = /^(?:[-+.0-9~<=]|[A-Za-z]{1,5}$)/;

function readsAs(text: string, version: '1.1' | '1.2'): { ok: boolean; value?: unknown } {
  const doc = parseDocument(text, { version, uniqueKeys: false, prettyErrors: false });
  if (doc.errors.length > 0 || doc.warnings.length > 0) return { ok: false };
  return { ok: true, value: doc.toJS({ maxAliasCount: 0 }) };
}

const ambiguity = new Map<string, boolean>();

/**
 * Whether a YAML 1.2 reader reads `value` written plain as that same string (so the library
 * writes it plain) but a YAML 1.1 reader (kubectl, Argo CD, most Go tools, yamllint) reads
 * something else: `no`, `on`, `y`, `0755`, `1_000`, `0b11`, `1:20`, `2001-12-14`, `<<`, `=`...
 * Such strings are written double-quoted. The 1.1 types are the library's `version: '1.1'`
 * schema (bool, int in bases 2/8/10/16/60, float incl. sexagesimal, null, timestamp) plus
 * Go's number syntax and the keys above.
 */
export function isYaml11Ambiguous(value: string): boolean {
  if (!MAYBE_NOT_STRING_11.test(value)) return false;
  let known = ambiguity.get(value);
  if (known === undefined) {
    const v12 = readsAs(value, '1.2');
    if (!v12.ok || v12.value !== value) known = false;
    else {
      const digits = value.replace(/_/g, '');
      const v11 = readsAs(value, '1.1');
      known = YAML11_KEYS.has(value) || GO_INT.test(digits) || GO_FLOAT.test(digits) || !v11.ok || v11.value !== value;
    }
    ambiguity.set(value, known);
  }
  return known;
}

/** The definition manifestToYaml is held to: the library's rendering, 1.1-ambiguous strings double-quoted. */
export function referenceYaml(obj: object): string {
  const doc = new Document(obj, SCALAR_OPTIONS);
  visit(doc, {
    Scalar(_, node) {
      if (typeof node.value === 'string' && isYaml11Ambiguous(node.value)) node.type = YamlScalar.QUOTE_DOUBLE;
    },
  });
  return doc.toString(YAML_OPTIONS);
}

function renderScalarText(value: string): string {
  if (!isYaml11Ambiguous(value)) return stringify(value, SCALAR_OPTIONS).slice(0, -1);
  const node = new YamlScalar(value);
  node.type = YamlScalar.QUOTE_DOUBLE;
  return stringify(node, SCALAR_OPTIONS).slice(0, -1);
}

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
 * `yes`...). None is anything but a string in YAML 1.1 either (see MAYBE_NOT_STRING_11).
 * Most names, labels and API versions; the rest are rendered by the library.
 */
const PLAIN = /^[A-Za-z](?=[A-Za-z]*[-./0-9])[-./0-9A-Za-z]*$/;

function renderString(value: string): Scalar {
  if (PLAIN.test(value)) return { inline: value };
  let s = strings.get(value);
  if (s === undefined) {
    const text = renderScalarText(value);
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

/** One manifest as a YAML document starting with `---`, exactly as `referenceYaml(obj)` writes it. */
export function manifestToYaml(obj: object): string {
  try {
    const out: string[] = ['---\n'];
    const keys = Object.keys(obj);
    if (Array.isArray(obj) || keys.length === 0) throw new Unsupported();
    writeMap(out, obj as Record<string, unknown>, keys, 0, '');
    return out.join('');
  } catch (e) {
    if (e instanceof Unsupported) return referenceYaml(obj);
    throw e;
  }
}
