import { parse, stringify } from 'yaml';
import { YAML_OPTIONS, isYaml11Ambiguous, manifestToYaml, referenceYaml } from '../../src/synth/yaml';

const same = (obj: object) => expect(manifestToYaml(obj)).toBe(referenceYaml(obj));

describe('manifestToYaml writes what the yaml library writes', () => {
  test('the reference is the library with YAML_OPTIONS wherever YAML 1.1 reads the same', () => {
    const obj = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { a: 'true', b: '1.5', c: 'l1\nl2', d: 'x y' } };
    expect(referenceYaml(obj)).toBe(stringify(obj, YAML_OPTIONS));
  });

  test('every document starts with a `---` marker', () => {
    expect(manifestToYaml({ a: 1 })).toBe('---\na: 1\n');
    // The library fallback too (an undefined value is a shape the fast path leaves to it).
    expect(manifestToYaml({ a: 1, b: undefined })).toBe('---\na: 1\n');
  });

  test('nesting: maps in sequences, sequences in maps, nested sequences, empty collections', () => {
    same({ a: [{ b: { c: 1 }, d: 2 }], e: [['x', 'y'], [[1]]], f: {}, g: [], h: null, i: [{}, []], j: { k: { l: [true, false] } } });
  });

  test('scalars the library quotes', () => {
    same({ a: '', b: '0', c: '1.5', d: 'true', e: 'null', f: '~', g: '0x1F', h: '1e3', i: 'a: b', j: '- x', k: '#x', l: 'x #y', m: ' lead', n: '@at', o: 'a"b', p: "it's", q: '*', r: 'yes' });
  });

  test('strings written plain without the library: exactly what the library writes', () => {
    const plain = ['apps/v1', 'bench-0001', 'app.kubernetes.io/name', 'v1', 'x1', 'e1', 'E5', 'a-', 'b.', 'c/', 'n.a.n', 'inf-1', 'kcp-syncer-a-1a2b3c4d', 'on-1', 'True1', 'Y2'];
    same(Object.fromEntries(plain.map((v, i) => [`k${i}`, v])));
    same(Object.fromEntries(plain.map((v) => [v, v])));
    // Near misses that must still go through the library (quoted or special there).
    same({ a: 'true', b: 'yes', c: 'NULL', d: '1.5', e: '1e-5', f: '.inf', g: '-x', h: 'x:y', i: 'x y', j: 'x#y', k: '0x1f', l: 'é-1' });
  });

  test('numbers', () => {
    same({ a: 0, b: -3, c: 1.5, d: 0.1, e: 1e21, f: 2 ** 53 });
  });

  test('block scalars in maps and sequences, with empty and trailing lines', () => {
    same({ a: 'l1\nl2', b: 'l1\n\nl3\n', c: ['x\ny', { d: 'p\nq\n\n' }], e: [{ f: [{ g: 'deep\ntext' }] }] });
  });

  test('text starting with a space falls back to the library (context-dependent indent indicator)', () => {
    same({ a: '  lead\nx', b: ['  lead\nx'] });
  });

  test('keys the library quotes', () => {
    same({ 'a: b': 1, 'x y': 2, 'app.kubernetes.io/name': 3, 'argocd.argoproj.io/sync-wave': '1', '-x': 4, 'true': 5 });
  });

  test('a manifest', () => {
    same({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'x', namespace: 'y', labels: { 'app.kubernetes.io/name': 'x' }, annotations: { 'argocd.argoproj.io/sync-wave': '-1' } },
      data: { 'haproxy.cfg': 'global\n  log stdout\n\nfrontend f\n  bind :8080\n', empty: '' },
    });
  });
});

/** Strings a YAML 1.1 reader reads as a bool, number, null, date, merge or value key. */
const NOT_STRINGS_IN_11 = [
  // bool (yaml.org/type/bool.html)
  'y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO', 'on', 'On', 'ON', 'off', 'Off', 'OFF',
  // int: base 8, 2, 16 (and Go's uppercase prefixes), underscores, base 60
  '0755', '-0755', '0b11', '-0b1_0', '0x_1F', '0X1F', '0B11', '0O17', '1_000', '+1_000', '1:20', '-190:20:30',
  // float: underscores, sexagesimal, no digits before the dot
  '1_000.5', '190:20:30.15', '.5', '+.5', '1.', '.inf', '-.Inf', '.NaN',
  // null, timestamp, merge, value
  '~', 'Null', '2001-12-14', '2001-12-14t21:59:43.10-05:00', '2001-12-14 21:59:43.10 -5', '<<', '=',
];

describe('YAML 1.1 readers (kubectl, Argo CD, Go tools, yamllint) read every string as that string', () => {
  test.each(NOT_STRINGS_IN_11)('%s is double-quoted as a value and as a key', (s) => {
    const obj = { metadata: { labels: { [s]: s } }, spec: { list: [s] } };
    const text = manifestToYaml(obj);
    expect(text).toBe(referenceYaml(obj));
    expect(text).toBe(`---\nmetadata:\n  labels:\n    ${JSON.stringify(s)}: ${JSON.stringify(s)}\nspec:\n  list:\n    - ${JSON.stringify(s)}\n`);
    expect(parse(text, { version: '1.1' })).toEqual(obj);
    expect(parse(text)).toEqual(obj);
  });

  test('a label value `no` and a revision `on`', () => {
    const app = { kind: 'Application', metadata: { labels: { enabled: 'no' } }, spec: { source: { targetRevision: 'on' } } };
    const text = manifestToYaml(app);
    expect(text).toContain('    enabled: "no"\n');
    expect(text).toContain('    targetRevision: "on"\n');
    expect(parse(text, { version: '1.1' })).toEqual(app);
  });

  test('strings that are strings in YAML 1.1 too are left as the library writes them', () => {
    for (const s of ['none', 'yess', 'online', 'o', 'x', 'True1', 'on-1', '1.2.3', '1-2', '0x', '0b2', '12:70', '2001-13', 'v1', 'a=b', '<', '<<<', '==']) {
      expect(isYaml11Ambiguous(s)).toBe(false);
      const obj = { a: s };
      expect(manifestToYaml(obj)).toBe(stringify(obj, YAML_OPTIONS));
      expect(parse(manifestToYaml(obj), { version: '1.1' })).toEqual(obj);
    }
  });

  test('strings the library already quotes for YAML 1.2 keep its quoting', () => {
    for (const s of ['true', 'null', '1.5', '0o17', '1e3', '']) {
      expect(isYaml11Ambiguous(s)).toBe(false);
      expect(manifestToYaml({ a: s })).toBe(stringify({ a: s }, YAML_OPTIONS));
    }
  });

  test('the fast path for plain names never skips a string YAML 1.1 reads otherwise', () => {
    // The shapes PLAIN in src/synth/yaml.ts admits: letter first, then [-./0-9A-Za-z] with a non-letter.
    for (const s of ['y1', 'n-', 'on.', 'No/', 'e1', 'E5', 'inf-1', 'nan.0', 'x1:2'.replace(':', ''), 'Yes1', 'off/2']) {
      expect(isYaml11Ambiguous(s)).toBe(false);
    }
  });
});
