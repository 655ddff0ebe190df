import { Document, isPair, isScalar, isSeq, parseDocument, visit } from 'yaml';
import { readErrorMessage, readRegularFile } from '../lib/bounded-read';
import { EnvironmentConfig, environmentSchema } from './environment';
import { ConfigError, formatPath, issueLines } from './errors';

/**
 * The largest environment file read: a 1,000-cluster environment is about 250 KiB. Bounds the
 * memory and time a file can take; the rest is never read.
 */
export const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

/** Validates an environment given as data (an environment module, or a parsed file). */
export function parseEnvironment(input: unknown, source?: string): EnvironmentConfig {
  // jitless: zod otherwise compiles a parser per object schema (new Function) on first use, which a
  // single parse per run does not pay back (shipped environments 0.22 -> 0.20 s; even at 1,000 clusters).
  const result = environmentSchema.safeParse(input, { jitless: true });
  if (!result.success) throw new ConfigError(issueLines(result.error.issues), source);
  return result.data;
}

/** A key as it appears in a path: a scalar's value, or the text of a collection used as a key. */
function keyName(key: unknown): string {
  return String(isScalar(key) ? key.value : key);
}

/** Parse errors and duplicate keys reported at most: a hostile file can hold thousands. */
const MAX_LINES = 20;

function capped(lines: string[], what: string): string[] {
  return lines.length <= MAX_LINES ? lines : [...lines.slice(0, MAX_LINES), `(and ${lines.length - MAX_LINES} more ${what})`];
}

/**
 * `<key path>: duplicate key` for every key that repeats within its mapping, in one pass with a
 * set per mapping. (The library's own `uniqueKeys` check compares each key with all before it:
 * 100,000 keys in one map took 99 s.) Scalar keys compare by value, as the library does.
 */
export function duplicateKeys(doc: Document): string[] {
  const lines: string[] = [];
  let more = 0;
  visit(doc, {
    Map(_, map, ancestors) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const k = isScalar(pair.key) ? pair.key.value : pair.key;
        if (!seen.has(k)) {
          seen.add(k);
          continue;
        }
        if (lines.length >= MAX_LINES) {
          more++;
          continue;
        }
        // ancestors: the document, then collections and the pairs between them, down to `map`.
        const chain = [...ancestors, map];
        const path: PropertyKey[] = [];
        for (let i = 0; i < chain.length - 1; i++) {
          const a = chain[i];
          if (isPair(a)) path.push(keyName(a.key));
          else if (isSeq(a)) path.push(a.items.indexOf(chain[i + 1] as never));
        }
        lines.push(`${formatPath([...path, keyName(pair.key)])}: duplicate key`);
      }
    },
  });
  if (more > 0) lines.push(`(and ${more} more duplicate keys)`);
  return lines;
}

/** Parses an environment file's text: YAML 1.2 (JSON is YAML), one mapping, no duplicate keys. */
export function parseEnvironmentText(text: string, file: string): unknown {
  // uniqueKeys: false: duplicates are found by duplicateKeys, in linear time.
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: false });
  if (doc.errors.length > 0) {
    const lines = doc.errors.map((e) => `cannot parse (line ${e.linePos?.[0].line ?? '?'}): ${e.message.split('\n')[0]}`);
    throw new ConfigError(capped(lines, 'parse errors'), file);
  }
  const duplicates = duplicateKeys(doc);
  if (duplicates.length > 0) throw new ConfigError(duplicates, file);
  let data: unknown;
  try {
    // maxAliasCount (the library's default, 100) refuses an alias bomb here.
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    throw new ConfigError([`cannot parse: ${String((e as Error).message).split('\n')[0]}`], file);
  }
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
