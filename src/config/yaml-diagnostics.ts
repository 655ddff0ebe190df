import { Composer, Document, isPair, isScalar, isSeq, Lexer, LineCounter, Parser, visit } from 'yaml';
import { formatPath } from './errors';

/**
 * The most YAML tokens (the `yaml` Lexer's: words, indicators, spaces, line breaks) the diagnostic
 * parse reads. The `yaml` library's work is linear in them but costs microseconds and ~150 bytes of
 * heap each (README "Hostile config files"); a 1,000-cluster environment has about 37,000.
 */
export const MAX_DIAGNOSTIC_TOKENS = 300_000;

/** Parse errors and duplicate keys reported at most: a hostile file can hold thousands. */
const MAX_LINES = 20;

function capped(lines: string[], what: string): string[] {
  return lines.length <= MAX_LINES ? lines : [...lines.slice(0, MAX_LINES), `(and ${lines.length - MAX_LINES} more ${what})`];
}

/** A key as it appears in a path: a scalar's value, or the text of a collection used as a key. */
function keyName(key: unknown): string {
  return String(isScalar(key) ? key.value : key);
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

/** Thrown inside the token generator when the budget is spent. */
class OverBudget extends Error {}

/**
 * What is wrong with `text` as one YAML document, as the `yaml` library (2.9.1) sees it: every
 * parse error with its line, a second document, and every duplicate key by its path. Run only for
 * a file the fast reader refused, to explain it in full. `undefined` when the text is over
 * `maxTokens`; `[]` when the library finds nothing wrong.
 */
export function yamlProblems(text: string, maxTokens = MAX_DIAGNOSTIC_TOKENS): string[] | undefined {
  const lines = new LineCounter();
  const parser = new Parser(lines.addNewLine);
  // What `Parser.parse` does (yaml 2.9.1 src/parse/parser.ts: offset 0 is a line start, then each
  // lexer token to `Parser.next`), with a count that ends the parse before it costs seconds.
  function* tokens() {
    lines.addNewLine(0);
    let count = 0;
    for (const lexeme of new Lexer().lex(text)) {
      if (++count > maxTokens) throw new OverBudget();
      yield* parser.next(lexeme);
    }
    yield* parser.end();
  }
  // uniqueKeys: false: duplicates are found by duplicateKeys, in linear time. As `parseDocument`
  // does (src/public-api.ts), stop at a second document.
  let doc: Document.Parsed | undefined;
  let second: number | undefined;
  try {
    for (const next of new Composer({ uniqueKeys: false }).compose(tokens(), true, text.length)) {
      if (doc) {
        second = next.range[0];
        break;
      }
      doc = next;
    }
  } catch (e) {
    if (e instanceof OverBudget) return undefined;
    throw e;
  }
  // compose(…, forceDoc = true) yields a document even for an empty text.
  const problems = doc!.errors.map((e) => ({ at: e.pos[0], message: e.message.split('\n')[0] }));
  if (second !== undefined) problems.push({ at: second, message: 'a second document: an environment file holds one' });
  if (problems.length > 0) return capped(problems.map((p) => `cannot parse (line ${lines.linePos(p.at).line}): ${p.message}`), 'parse errors');
  return duplicateKeys(doc!);
}
