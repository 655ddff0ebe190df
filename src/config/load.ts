import { Composer, Document, isPair, isScalar, isSeq, Lexer, LineCounter, Parser, visit } from 'yaml';
import { readErrorMessage, readRegularFile } from '../lib/bounded-read';
import { EnvironmentConfig, environmentSchema } from './environment';
import { ConfigError, formatPath, issueLines } from './errors';

/**
 * The largest environment file read: a 1,000-cluster environment is about 250 KiB. Bounds the
 * memory and time a file can take; the rest is never read.
 */
export const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

/**
 * The most YAML tokens (the `yaml` Lexer's: words, indicators, spaces, line breaks) parsed from one
 * file. The library's work is linear in them, but microseconds and ~150 bytes of heap each: 4 MiB
 * of `[1,1,...]` took 17 s of CPU and 2 GB. The 1,000-cluster bench environment has 37,000 tokens
 * (ordinary YAML: ~0.28 a byte); 300,000 keep any file to seconds (README "Hostile config files").
 */
export const MAX_CONFIG_TOKENS = 300_000;

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

/** The one document of `text`, composed by the library's public stages with a token budget. */
function composeDocument(text: string, file: string, maxTokens: number): { doc: Document.Parsed; lines: LineCounter; second?: number } {
  const lines = new LineCounter();
  const parser = new Parser(lines.addNewLine);
  // What `Parser.parse` does (yaml 2.9.1 src/parse/parser.ts: offset 0 is a line start, then each
  // lexer token to `Parser.next`), with a count that ends the parse before it costs seconds.
  function* tokens() {
    lines.addNewLine(0);
    let count = 0;
    for (const lexeme of new Lexer().lex(text)) {
      if (++count > maxTokens) throw new ConfigError([`has more than ${maxTokens} YAML tokens (a 1,000-cluster environment has about 37,000): too large to parse`], file);
      yield* parser.next(lexeme);
    }
    yield* parser.end();
  }
  // uniqueKeys: false: duplicates are found by duplicateKeys, in linear time. As `parseDocument`
  // does (src/public-api.ts), stop at a second document.
  let doc: Document.Parsed | undefined;
  for (const next of new Composer({ uniqueKeys: false }).compose(tokens(), true, text.length)) {
    if (doc) return { doc, lines, second: next.range[0] };
    doc = next;
  }
  // compose(…, forceDoc = true) yields a document even for an empty text.
  return { doc: doc!, lines };
}

/**
 * Parses an environment file's text: YAML 1.2 (JSON is YAML), one mapping, no duplicate keys, at
 * most `maxTokens` YAML tokens.
 */
export function parseEnvironmentText(text: string, file: string, maxTokens = MAX_CONFIG_TOKENS): unknown {
  const { doc, lines, second } = composeDocument(text, file, maxTokens);
  const problems = doc.errors.map((e) => ({ at: e.pos[0], message: e.message.split('\n')[0] }));
  if (second !== undefined) problems.push({ at: second, message: 'a second document: an environment file holds one' });
  if (problems.length > 0) {
    throw new ConfigError(capped(problems.map((p) => `cannot parse (line ${lines.linePos(p.at).line}): ${p.message}`), 'parse errors'), file);
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
