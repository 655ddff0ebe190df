import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { dropUndefined } from '../../src/lib/drop-undefined';
import { ROOT } from '../cli/cli-helpers';

// scripts/build.mjs swaps the generated converters' expression for dropUndefined when bundling.
const { PATTERN, patchConverters } = require('../../scripts/l1-converters.cjs') as {
  PATTERN: string;
  patchConverters: (source: string, helper: string, options: { esm: boolean }) => { contents: string; count: number };
};
// The generated expression itself, as the converters run it.
const original = (result: Record<string, unknown>) => Object.entries(result).reduce((r, i) => (i[1] === undefined ? r : { ...r, [i[0]]: i[1] }), {} as Record<string, unknown>);

describe('dropUndefined', () => {
  test.each([
    ['undefined dropped, null, false, 0 and empty values kept, order kept', { b: 1, a: undefined, c: null, d: false, e: 0, f: '', g: [], h: {} }],
    ['integer-like keys', { 10: 'x', 2: undefined, z: 1, 1: 'y' }],
    ['a __proto__ key stays a property (the prototype is untouched)', JSON.parse('{"__proto__": {"polluted": true}, "a": 1}')],
    ['nested values are the same objects', { spec: { replicas: undefined, x: 1 }, list: [undefined, 1] }],
    ['empty', {}],
  ])('%s: as the generated expression', (_, input) => {
    const fast = dropUndefined(input);
    const slow = original(input);
    expect(fast).toStrictEqual(slow);
    expect(Object.keys(fast)).toEqual(Object.keys(slow));
    expect(Object.getPrototypeOf(fast)).toBe(Object.prototype);
    for (const k of Object.keys(slow)) expect(fast[k]).toBe(slow[k]);
  });
});

describe('the bundle-time substitution', () => {
  const k8s = readFileSync(join(ROOT, 'node_modules/cdk8s-plus-27/lib/imports/k8s.js'), 'utf8');

  test("finds every converter of cdk8s-plus-27's k8s module (else the pin or the generator changed: update scripts/l1-converters.cjs)", () => {
    const { contents, count } = patchConverters(k8s, '/helper.ts', { esm: false });
    expect(count).toBeGreaterThan(400);
    expect(contents).not.toContain(PATTERN);
    expect(contents).not.toContain('Object.entries(result).reduce');
    // The require goes after "use strict", which must stay the first statement.
    expect(contents.startsWith('"use strict";\nconst { dropUndefined: __psDropUndefined } = require("/helper.ts");\n')).toBe(true);
  });

  test('finds every converter of the generated imports/', () => {
    const files = readdirSync(join(ROOT, 'imports')).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) {
      const source = readFileSync(join(ROOT, 'imports', f), 'utf8');
      const { contents, count } = patchConverters(source, '/helper.ts', { esm: true });
      expect([f, count]).toEqual([f, source.split('Object.entries(result).reduce').length - 1]);
      expect(contents).not.toContain('Object.entries(result).reduce');
    }
  });
});
