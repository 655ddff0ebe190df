import { exceedsTokens, MAX_MANIFEST_TOKENS, parseManifests } from '../../src/validate/load';

describe('manifest token budget (check PATH on hostile files)', () => {
  test('exceedsTokens is exact: N tokens pass, N + 1 do not', () => {
    // `[1,1]` lexes as: flow start, scalar, comma, scalar, flow end, newline = 6 tokens (yaml 2.9 Lexer).
    const text = '[1,1]\n';
    const n = [...Array(20).keys()].find((k) => !exceedsTokens(text, k));
    expect(n).toBeDefined();
    expect(exceedsTokens(text, n!)).toBe(false);
    expect(exceedsTokens(text, n! - 1)).toBe(true);
  });

  test('a large file over the budget is one finding naming it; a large file under it is parsed', () => {
    const over = `---\nx: [${'1,'.repeat(MAX_MANIFEST_TOKENS)}1]\n`;
    // 300 KB of one scalar: few tokens, parsed as usual.
    const under = `---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  blob: ${'a'.repeat(300_000)}\n`;
    const { objects, findings } = parseManifests(new Map([['over.yaml', over], ['under.yaml', under]]));
    expect(findings).toEqual([{ check: 'schema', file: 'over.yaml', message: `has more than ${MAX_MANIFEST_TOKENS} YAML tokens: too large to check (not a manifest synth writes)` }]);
    expect(objects.map((o) => o.file)).toEqual(['under.yaml']);
  });
});
