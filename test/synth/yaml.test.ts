import { stringify } from 'yaml';
import { YAML_OPTIONS, manifestToYaml } from '../../src/synth/yaml';

const same = (obj: object) => expect(manifestToYaml(obj)).toBe(stringify(obj, YAML_OPTIONS));

describe('manifestToYaml writes what the yaml library writes', () => {
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
