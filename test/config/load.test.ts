import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Lexer, parseDocument } from 'yaml';
import { ConfigError, loadEnvironmentFile } from '../../src/config';
import { MAX_CONFIG_BYTES, MAX_CONFIG_TOKENS, parseEnvironmentText } from '../../src/config/load';
import { tempDir } from '../cli/cli-helpers';

const HEAD = 'name: ci\ngit:\n  repoURL: https://github.com/example-org/manifests.git\nclusters:\n  - name: a\n    destination:\n      name: a\n';

/** The lines of the ConfigError `f` throws. */
function configError(f: () => unknown): readonly string[] {
  try {
    f();
  } catch (e) {
    if (e instanceof ConfigError) return e.lines;
    throw e;
  }
  throw new Error('no ConfigError');
}

/** `npm run synth -- --config FILE` into a fresh output folder: exit 1, one problem, nothing written. */
function refused(config: string): string {
  const out = join(tempDir(), 'out');
  // The timeout only keeps a regression from hanging the suite; the assertions are on the outcome.
  const r = spawnSync(process.execPath, [join(__dirname, '../../build/cli.js'), 'synth', '--config', config, '--outdir', out], { encoding: 'utf8', timeout: 60_000 });
  expect(r.error).toBeUndefined();
  expect(r.status).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(existsSync(out)).toBe(false);
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(2);
  expect(lines[0]).toBe(`error: ${config}: invalid configuration (1 problem), nothing written:`);
  return lines[1];
}

describe('config files are read bounded', () => {
  test('a device is refused without reading it (--config /dev/zero ends with exit 1)', () => {
    expect(refused('/dev/zero')).toBe('is not a regular file (a device, FIFO or socket)');
  });

  test('a FIFO is refused without waiting for a writer', () => {
    const fifo = join(tempDir(), 'config.yaml');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    expect(refused(fifo)).toBe('is not a regular file (a device, FIFO or socket)');
  });

  test('a folder is refused', () => {
    const dir = join(tempDir(), 'config.yaml');
    mkdirSync(dir);
    expect(refused(dir)).toBe('is a folder, not a file');
  });

  test('a missing file is one line', () => {
    expect(refused(join(tempDir(), 'missing.yaml'))).toBe('cannot be read: it does not exist (or is a dangling link)');
  });

  test(`a file over ${MAX_CONFIG_BYTES} bytes is refused before parsing`, () => {
    const file = join(tempDir(), 'big.yaml');
    writeFileSync(file, `${HEAD}# ${'x'.repeat(MAX_CONFIG_BYTES)}\n`);
    expect(refused(file)).toBe('is larger than 4194304 bytes (4 MiB)');
  });
});

describe('duplicate keys are found in one pass, named by their path', () => {
  test('100,000 keys in one map parse (with the token budget lifted); one duplicate among them is named', () => {
    const labels = Array.from({ length: 100_000 }, (_, i) => `      key-${i}: v\n`).join('');
    const text = `${HEAD}    labels:\n${labels}`;
    const data = parseEnvironmentText(text, 'big.yaml', Infinity) as { clusters: { labels: Record<string, string> }[] };
    expect(Object.keys(data.clusters[0].labels)).toHaveLength(100_000);
    expect(configError(() => parseEnvironmentText(`${text}      key-5: again\n`, 'big.yaml', Infinity))).toEqual(['clusters[0].labels.key-5: duplicate key']);
  });

  test('duplicates at the top, in sequences and in flow maps; many are capped', () => {
    expect(configError(() => parseEnvironmentText(`${HEAD}name: again\n`, 'f.yaml'))).toEqual(['name: duplicate key']);
    expect(configError(() => parseEnvironmentText(`${HEAD}  - name: b\n    destination: {name: b, name: c}\n`, 'f.yaml'))).toEqual(['clusters[1].destination.name: duplicate key']);
    const many = configError(() => parseEnvironmentText(`${HEAD}    labels:\n${'      k: v\n'.repeat(1000)}`, 'f.yaml'));
    expect(many).toHaveLength(21);
    expect(many[0]).toBe('clusters[0].labels.k: duplicate key');
    expect(many[20]).toBe('(and 979 more duplicate keys)');
  });

  test('a file read from disk reports its duplicates the same way', () => {
    const file = join(tempDir(), 'dup.yaml');
    writeFileSync(file, `${HEAD}git:\n  repoURL: https://example.com/x.git\n`);
    expect(configError(() => loadEnvironmentFile(file))).toEqual(['git: duplicate key']);
  });
});

describe('the parse is bounded by a token budget', () => {
  const tooMany = (n: number) => `has more than ${n} YAML tokens (a 1,000-cluster environment has about 37,000): too large to parse`;

  test("the staged parse (Lexer, Parser.next, Composer) reads what the library's parseDocument reads", () => {
    const texts = [
      readFileSync(join(__dirname, '../fixtures/scale/100-clusters.yaml'), 'utf8'),
      `${HEAD}x: &a {k: [1, 0o17, 0x1F, 1_000, .inf, ~, yes, "q\\u00e9", 'it''s']}\ny: *a\nz: |\n  two\n  lines\n# end\n`,
      `${HEAD}__proto__: {constructor: 1}\n? complex\n: {}\nempty:\n...\n`,
      '{"name": "json", "clusters": [{"name": "a", "n": 1.5e3}]}',
    ];
    for (const text of texts) {
      const staged = parseEnvironmentText(text, 'f.yaml');
      const library: unknown = parseDocument(text, { uniqueKeys: false }).toJS();
      expect(staged).toEqual(library);
      // Own `__proto__` keys too (toEqual alone does not see them).
      expect(JSON.stringify(staged)).toBe(JSON.stringify(library));
    }
  });

  test("the budget counts the yaml Lexer's tokens: a file of exactly the budget parses, one more is refused", () => {
    const text = `${HEAD}    labels:\n${Array.from({ length: 1000 }, (_, i) => `      key-${i}: v\n`).join('')}`;
    const count = [...new Lexer().lex(text)].length;
    expect(count).toBeGreaterThan(8000);
    expect(Object.keys((parseEnvironmentText(text, 'f.yaml', count) as { clusters: { labels: object }[] }).clusters[0].labels)).toHaveLength(1000);
    expect(configError(() => parseEnvironmentText(text, 'f.yaml', count - 1))).toEqual([tooMany(count - 1)]);
  });

  test('100,000 keys in one map, and 1 MiB of [1,1,...] (1.5 million tokens), are refused in one line', () => {
    const keys = join(tempDir(), 'keys.yaml');
    writeFileSync(keys, `${HEAD}    labels:\n${Array.from({ length: 100_000 }, (_, i) => `      key-${i}: v\n`).join('')}`);
    expect(refused(keys)).toBe(tooMany(MAX_CONFIG_TOKENS));
    const ones = join(tempDir(), 'ones.yaml');
    writeFileSync(ones, `${HEAD}x: [${'1,'.repeat(512 * 1024)}1]\n`);
    expect(refused(ones)).toBe(tooMany(MAX_CONFIG_TOKENS));
  });
});

describe('hostile YAML ends with one clear error', () => {
  test('a second document', () => {
    expect(configError(() => parseEnvironmentText(`${HEAD}---\nname: b\n`, 'f.yaml'))).toEqual(['cannot parse (line 8): a second document: an environment file holds one']);
  });

  test('an alias bomb', () => {
    const nine = (x: string) => `[${Array(9).fill(x).join(', ')}]`;
    const bomb = `${HEAD}x0: &a0 ${nine('x')}\n${[1, 2, 3, 4, 5, 6, 7].map((i) => `x${i}: &a${i} ${nine(`*a${i - 1}`)}`).join('\n')}\n`;
    expect(configError(() => parseEnvironmentText(bomb, 'f.yaml'))).toEqual(['cannot parse: Excessive alias count indicates a resource exhaustion attack']);
  });

  test('deep nesting: a bounded number of lines', () => {
    const lines = configError(() => parseEnvironmentText(`${HEAD}x: ${'['.repeat(10_000)}\n`, 'f.yaml'));
    expect(lines.length).toBeLessThanOrEqual(21);
    expect(lines[0]).toMatch(/^cannot parse \(line \d+\): /);
  });
});
