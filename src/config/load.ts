import { CORE_SCHEMA, constructFromEvents, defineMappingTag, EVENT_ID, mapTag, parseEvents, YAMLException } from 'js-yaml';
import { readErrorMessage, readRegularFile } from '../lib/bounded-read';
import { EnvironmentConfig, environmentSchema } from './environment';
import { ConfigError, issueLines } from './errors';
import { yamlProblems } from './yaml-diagnostics';

/**
 * The largest environment file read: a 1,000-cluster environment is about 250 KiB. Bounds the
 * memory and time a file can take; the rest is never read.
 */
export const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

/**
 * The most values (scalars, sequences, mappings; an alias counted again wherever it is used) an
 * environment file may hold. The 1,000-cluster bench environment has 6,162; 100,000 labels in one
 * map pass. Bounds the validation and synthesis that follow the parse, and refuses an alias bomb.
 */
export const MAX_CONFIG_VALUES = 500_000;

/** The deepest nesting, counting through aliases (environments nest 7 levels; js-yaml's own default). */
export const MAX_CONFIG_DEPTH = 100;

/** Validates an environment given as data (an environment module, or a parsed file). */
export function parseEnvironment(input: unknown, source?: string): EnvironmentConfig {
  // jitless: zod otherwise compiles a parser per object schema (new Function) on first use, which a
  // single parse per run does not pay back (shipped environments 0.22 -> 0.20 s; even at 1,000 clusters).
  const result = environmentSchema.safeParse(input, { jitless: true });
  if (!result.success) throw new ConfigError(issueLines(result.error.issues), source);
  return result.data;
}

/**
 * Mappings as js-yaml's default `{}` objects (own `__proto__` keys included; numbers and booleans
 * as keys become their text, as Go's YAML-to-JSON readers do), but a null key (`~`, `null`, empty)
 * is refused: `yaml` made it "", Go "null"; either would be a silent surprise.
 */
const environmentMap = defineMappingTag<Record<string, unknown>>('tag:yaml.org,2002:map', {
  create: mapTag.create,
  addPair: (carrier, key, value) => (key === null ? 'a null mapping key (`~`, `null` or nothing): quote it to mean the text' : mapTag.addPair(carrier, key, value)),
  has: mapTag.has,
  keys: mapTag.keys,
  get: mapTag.get,
  identify: () => false,
});

/** YAML 1.2's core schema (js-yaml's default: no merge keys, timestamps or binary), with the map above. */
const ENVIRONMENT_SCHEMA = CORE_SCHEMA.withTags(environmentMap);

/** A js-yaml error as one line: the line it points at, and `reason` (its own, unless given). */
function errorLine(e: unknown, reason?: string): string {
  if (e instanceof YAMLException) return `cannot parse${e.mark ? ` (line ${e.mark.line + 1})` : ''}: ${reason ?? e.reason}`;
  return `cannot parse: ${reason ?? String((e as Error)?.message ?? e).split('\n')[0]}`;
}

/**
 * Why the fast reader refused `text`, in full: the `yaml` library's view (every parse error, every
 * duplicate key by its path) when it finds one within its token budget, else js-yaml's one line.
 */
function refusal(text: string, file: string, fast: string): ConfigError {
  let lines: string[] | undefined;
  try {
    lines = yamlProblems(text);
  } catch {
    // An explanation that fails (a library error) must not hide the refusal itself.
  }
  return new ConfigError(lines && lines.length > 0 ? lines : [fast], file);
}

/**
 * Checks the parsed value's size and depth as validation will walk it, where a shared (aliased)
 * node counts at every place it is used: one pass, each distinct node once (sizes are remembered).
 */
function checkExpansion(root: unknown, file: string): void {
  const known = new Map<object, { size: number; height: number }>();
  const open = new Set<object>();
  const fail = (line: string): never => {
    throw new ConfigError([line], file);
  };
  function measure(value: unknown, depth: number): { size: number; height: number } {
    if (value === null || typeof value !== 'object') return { size: 1, height: 0 };
    const seen = known.get(value);
    if (seen) {
      if (depth + seen.height > MAX_CONFIG_DEPTH) fail(`nests deeper than ${MAX_CONFIG_DEPTH} levels (counting through aliases)`);
      return seen;
    }
    if (open.has(value)) fail('cannot parse: an alias refers to a node that contains it (a cycle)');
    if (depth >= MAX_CONFIG_DEPTH) fail(`nests deeper than ${MAX_CONFIG_DEPTH} levels (counting through aliases)`);
    open.add(value);
    // height: the levels of collections from this one down (an empty one is 1, as in js-yaml's maxDepth).
    let size = 1;
    let height = 1;
    for (const child of Array.isArray(value) ? value : Object.values(value)) {
      if (child === null || typeof child !== 'object') {
        size++; // a scalar, counted here: no call or allocation per label
        continue;
      }
      const m = measure(child, depth + 1);
      size += m.size;
      if (m.height + 1 > height) height = m.height + 1;
    }
    open.delete(value);
    const result = { size, height };
    known.set(value, result);
    return result;
  }
  const { size } = measure(root, 0);
  if (size > MAX_CONFIG_VALUES) {
    fail(`holds more than ${MAX_CONFIG_VALUES.toLocaleString('en-US')} values, counting each alias where it is used (${size > 1e15 ? 'an alias bomb' : size.toLocaleString('en-US')}): too large`);
  }
}

/**
 * Parses an environment file's text: one YAML 1.2 document (JSON is YAML) holding a mapping, no
 * duplicate keys, at most MAX_CONFIG_VALUES values. js-yaml 5 reads it (100,000 keys in 0.5-0.8 s,
 * where `yaml` takes ~2 s: README "Hostile config files"); a file it refuses is explained by
 * `yamlProblems`.
 */
export function parseEnvironmentText(text: string, file: string): unknown {
  let docs: unknown[];
  try {
    const events = parseEvents(text, { filename: file, maxDepth: MAX_CONFIG_DEPTH });
    let documents = 0;
    for (const event of events) {
      if (event.type !== EVENT_ID.DOCUMENT) continue;
      documents++;
      for (const d of event.directives) {
        // js-yaml 5 reads every document with the schema given; `yaml` would switch to 1.1 rules.
        if (d.kind === 'yaml' && d.version !== '1.2') throw new ConfigError([`cannot parse: %YAML ${d.version}: an environment file is read as YAML 1.2 (remove the directive)`], file);
      }
    }
    if (documents > 1) throw refusal(text, file, 'cannot parse: a second document: an environment file holds one');
    docs = constructFromEvents(events, { source: text, filename: file, schema: ENVIRONMENT_SCHEMA });
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    // Too deep for js-yaml is too deep for the yaml library's recursive composer too (it reports
    // "Maximum call stack size exceeded"): js-yaml's line says it better.
    if (e instanceof YAMLException && e.reason.startsWith('nesting exceeded maxDepth')) {
      throw new ConfigError([errorLine(e, `nests deeper than ${MAX_CONFIG_DEPTH} levels`)], file);
    }
    throw refusal(text, file, errorLine(e));
  }
  const data = docs.length > 0 ? docs[0] : null;
  checkExpansion(data, file);
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new ConfigError(['must hold one environment object (a YAML mapping or JSON object)'], file);
  }
  return data;
}

/**
 * Reads a YAML or JSON environment file and validates it. At most MAX_CONFIG_BYTES are read;
 * a folder, device, FIFO or socket is refused before reading.
 */
export function loadEnvironmentFile(file: string): EnvironmentConfig {
  let text: string;
  try {
    text = readRegularFile(file, MAX_CONFIG_BYTES);
  } catch (e) {
    throw new ConfigError([readErrorMessage(e)], file);
  }
  return parseEnvironment(parseEnvironmentText(text, file), file);
}
