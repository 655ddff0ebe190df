import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { ConfigError, loadEnvironmentFile } from '../../src/config';
import { MAX_CONFIG_BYTES, MAX_CONFIG_DEPTH, MAX_CONFIG_VALUES, parseEnvironmentText } from '../../src/config/load';
import { MAX_DIAGNOSTIC_TOKENS, yamlProblems } from '../../src/config/yaml-diagnostics';
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

/** `count` labels `key-0: v` ... under the one cluster of HEAD. */
const labels = (count: number) => `${HEAD}    labels:\n${Array.from({ length: count }, (_, i) => `      key-${i}: v\n`).join('')}`;

/** Values as validation walks them: every scalar, sequence and mapping, an alias at each use. */
function values(v: unknown): number {
  if (v === null || typeof v !== 'object') return 1;
  return 1 + (Array.isArray(v) ? v : Object.values(v)).reduce((n: number, c) => n + values(c), 0);
}

describe('100,000 keys in one map are read (linear; the time is in npm run bench)', () => {
  test('they parse, and a duplicate among them is refused with its line', () => {
    const text = labels(100_000);
    const data = parseEnvironmentText(text, 'big.yaml') as { clusters: { labels: Record<string, string> }[] };
    expect(Object.keys(data.clusters[0].labels)).toHaveLength(100_000);
    expect(data.clusters[0].labels['key-99999']).toBe('v');
    // 800,000 yaml tokens: over the diagnostic budget, so js-yaml's line is the message.
    expect(configError(() => parseEnvironmentText(`${text}      key-5: again\n`, 'big.yaml'))).toEqual([`cannot parse (line ${text.split('\n').length}): duplicated mapping key`]);
  });

  test('end to end: synth reads the file and validation names the field (Kubernetes label budget)', () => {
    const file = join(tempDir(), 'keys.yaml');
    writeFileSync(file, labels(100_000).replace('name: ci\n', 'name: ci\ntrain: phase-1\n'));
    expect(refused(file)).toMatch(/^clusters\[0\]\.labels: must hold at most 262144 bytes of keys and values/);
  });
});

describe('duplicate keys are named by their path (the yaml library explains what js-yaml refused)', () => {
  test('at the top, in sequences and in flow maps; many are capped', () => {
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

  test('keys that are the same JavaScript key are duplicates (1 and "1"), which the yaml library let through', () => {
    expect(configError(() => parseEnvironmentText(`${HEAD}    labels:\n      1: a\n      "1": b\n`, 'f.yaml'))).toEqual(['cannot parse (line 10): duplicated mapping key']);
  });

  test('the diagnostic parse stops at its token budget and leaves the message to js-yaml', () => {
    const text = `${labels(1000)}      key-5: again\n`;
    expect(yamlProblems(text)).toEqual(['clusters[0].labels.key-5: duplicate key']);
    expect(yamlProblems(text, 100)).toBeUndefined();
    expect(MAX_DIAGNOSTIC_TOKENS).toBe(300_000);
  });
});

describe('js-yaml reads what the yaml library reads (YAML 1.2 core schema)', () => {
  const root = join(__dirname, '../..');
  const files = [
    ...readdirSync(join(root, 'environments')).map((f) => join(root, 'environments', f)),
    ...readdirSync(join(root, 'test/fixtures/environments')).map((f) => join(root, 'test/fixtures/environments', f)),
    join(root, 'test/fixtures/scale/100-clusters.yaml'),
  ];
  const texts: [string, string][] = [
    ...files.map((f): [string, string] => [f, readFileSync(f, 'utf8')]),
    ['scalars', `${HEAD}x: &a {k: [1, -0, +12, 0o17, 0x1F, 1_000, 0b11, 0755, 1:20, 1e3, .5, 1., .inf, -.Inf, .nan, ~, Null, "", yes, on, n, TRUE, False, 2020-01-01, "q\\u00e9\\t", 'it''s', a b, =, <<]}\ny: *a\n`],
    ['blocks', `${HEAD}z: |\n  two\n  lines\nf: >-\n  folded\n  text\n\nk: |+\n  keep\n\np: plain\n  continued\n# end\n`],
    ['keys', `${HEAD}__proto__: {constructor: 1, 1: a, true: b, 0x10: c}\nempty:\n...\n`],
    ['json', '{"name": "json", "clusters": [{"name": "a", "n": 1.5e3, "u": "\\u00e9"}]}'],
    ['crlf and BOM', `\ufeff${HEAD.replaceAll('\n', '\r\n')}`],
    ['directive 1.2', `%YAML 1.2\n---\n${HEAD}`],
  ];
  test.each(texts)('%s', (_, text) => {
    const ours = parseEnvironmentText(text, 'f.yaml');
    const library: unknown = parseDocument(text, { uniqueKeys: false }).toJS();
    expect(ours).toEqual(library);
    // Own `__proto__` keys, -0 and key order too (toEqual alone does not see them all).
    expect(JSON.stringify(ours)).toBe(JSON.stringify(library));
  });

  test('the two differences: a float beyond double range stays text, an unknown tag is an error', () => {
    expect(parseEnvironmentText('x: 1e400\n', 'f.yaml')).toEqual({ x: '1e400' });
    expect(parseDocument('x: 1e400\n').toJS()).toEqual({ x: Infinity });
    expect(configError(() => parseEnvironmentText('x: !secret abc\n', 'f.yaml'))).toEqual(['cannot parse (line 1): unknown scalar tag !<!secret>']);
  });
});

describe('hostile YAML ends with one clear error', () => {
  test('a second document', () => {
    expect(configError(() => parseEnvironmentText(`${HEAD}---\nname: b\n`, 'f.yaml'))).toEqual(['cannot parse (line 8): a second document: an environment file holds one']);
  });

  test('an empty or comment-only file holds no environment (js-yaml\'s load would throw "input is empty")', () => {
    for (const text of ['', '# only a comment\n', '---\n...\n']) {
      expect(configError(() => parseEnvironmentText(text, 'f.yaml'))).toEqual(['must hold one environment object (a YAML mapping or JSON object)']);
    }
  });

  test('a %YAML directive other than 1.2 (yaml would switch to 1.1 rules, where `yes` is true)', () => {
    expect(configError(() => parseEnvironmentText(`%YAML 1.1\n---\n${HEAD}`, 'f.yaml'))).toEqual(['cannot parse: %YAML 1.1: an environment file is read as YAML 1.2 (remove the directive)']);
  });

  test('a null key, and a collection as a key', () => {
    expect(configError(() => parseEnvironmentText(`${HEAD}    labels:\n      ~: a\n`, 'f.yaml'))).toEqual(['cannot parse (line 9): a null mapping key (`~`, `null` or nothing): quote it to mean the text']);
    expect(configError(() => parseEnvironmentText(`${HEAD}? [a]\n: b\n`, 'f.yaml'))[0]).toMatch(/^cannot parse \(line \d+\): object-based map does not support complex keys$/);
  });

  test(`values: ${MAX_CONFIG_VALUES} parse, one more is refused`, () => {
    const base = values(parseEnvironmentText(`${HEAD}x: []\n`, 'f.yaml'));
    const file = (n: number) => `${HEAD}x: [${'1,'.repeat(n - 1)}1]\n`;
    const fits = parseEnvironmentText(file(MAX_CONFIG_VALUES - base), 'f.yaml');
    expect(values(fits)).toBe(MAX_CONFIG_VALUES);
    expect(configError(() => parseEnvironmentText(file(MAX_CONFIG_VALUES - base + 1), 'f.yaml'))).toEqual(['holds more than 500,000 values, counting each alias where it is used (500,001): too large']);
  });

  test('an alias bomb is refused in one pass, without expanding it', () => {
    const nine = (x: string) => `[${Array(9).fill(x).join(', ')}]`;
    const bomb = (levels: number) => `${HEAD}x0: &a0 ${nine('x')}\n${Array.from({ length: levels }, (_, i) => `x${i + 1}: &a${i + 1} ${nine(`*a${i}`)}`).join('\n')}\n`;
    // x0 is 10 values, each next level 1 + 9 x the one before, plus HEAD's values (the root included).
    let level = 10;
    let expanded = values(parseEnvironmentText(HEAD, 'f.yaml')) + level;
    for (let i = 1; i <= 7; i++) expanded += level = 1 + 9 * level;
    expect(configError(() => parseEnvironmentText(bomb(7), 'f.yaml'))).toEqual([`holds more than 500,000 values, counting each alias where it is used (${expanded.toLocaleString('en-US')}): too large`]);
    expect(configError(() => parseEnvironmentText(bomb(60), 'f.yaml'))).toEqual(['holds more than 500,000 values, counting each alias where it is used (an alias bomb): too large']);
    // Aliases within the bound are read, as the same values at each use.
    const data = parseEnvironmentText(bomb(2), 'f.yaml') as Record<string, unknown[]>;
    expect(data.x2[0]).toEqual(data.x1);
  });

  test('an alias that refers to its own node (a cycle)', () => {
    expect(configError(() => parseEnvironmentText(`${HEAD}x: &a [1, *a]\n`, 'f.yaml'))).toEqual(['cannot parse: an alias refers to a node that contains it (a cycle)']);
  });

  test(`nesting: ${MAX_CONFIG_DEPTH} levels of collections (the root counts), in the text or through aliases`, () => {
    const flow = (n: number) => `x: ${'['.repeat(n)}${']'.repeat(n)}\n`;
    expect(parseEnvironmentText(flow(MAX_CONFIG_DEPTH - 1), 'f.yaml')).toBeDefined();
    expect(configError(() => parseEnvironmentText(flow(MAX_CONFIG_DEPTH), 'f.yaml'))).toEqual([`cannot parse (line 1): nests deeper than ${MAX_CONFIG_DEPTH} levels`]);
    // Unclosed too: one line, not the yaml library's recursion error.
    expect(configError(() => parseEnvironmentText(`${HEAD}x: ${'['.repeat(10_000)}\n`, 'f.yaml'))).toEqual([`cannot parse (line 8): nests deeper than ${MAX_CONFIG_DEPTH} levels`]);
    // Each anchor one level deeper than the one its alias names: a(k) is k + 1 levels, under the root.
    const chain = (k: number) => `a0: &a0 [x]\n${Array.from({ length: k }, (_, i) => `a${i + 1}: &a${i + 1} [*a${i}]`).join('\n')}\n`;
    expect(parseEnvironmentText(chain(MAX_CONFIG_DEPTH - 2), 'f.yaml')).toBeDefined();
    expect(configError(() => parseEnvironmentText(chain(MAX_CONFIG_DEPTH - 1), 'f.yaml'))).toEqual([`nests deeper than ${MAX_CONFIG_DEPTH} levels (counting through aliases)`]);
  });
});
