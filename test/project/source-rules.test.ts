import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from '../cli/cli-helpers';
import { tempDir } from '../temp-dir';
import { filesBelow, importCycles, importGraph, violations } from './source-rules';

const SOURCES = [...filesBelow(join(ROOT, 'src'), ['.ts']), ...filesBelow(join(ROOT, 'scripts'), ['.ts', '.js', '.mjs', '.cjs'])];

describe('public APIs only (no library internals in src/ or scripts/)', () => {
  test('no file imports cdk8s/lib/..., calls setFlagsFromString, reads _additionalAttributes or assigns to a prototype', () => {
    expect(SOURCES.length).toBeGreaterThan(50);
    expect(SOURCES.flatMap((f) => violations(ROOT, f, readFileSync(f, 'utf8')))).toEqual([]);
  });

  test.each([
    ["import { sanitizeValue } from 'cdk8s/lib/_util';", "x.ts: imports a library's internal path (cdk8s/lib/_util)"],
    ["const k8s = require('cdk8s-plus-27/lib/imports/k8s');", "x.ts: imports a library's internal path (cdk8s-plus-27/lib/imports/k8s)"],
    ["export * from 'cdk8s/lib';", "x.ts: imports a library's internal path (cdk8s/lib)"],
    ["v8.setFlagsFromString('--expose-gc');", 'x.ts:1: changes V8 flags at run time (setFlagsFromString)'],
    ['const a = (m as any)._additionalAttributes;', "x.ts:1: reads cdk8s's private `_additionalAttributes`"],
    ['ApiObject.prototype.toJson = fast;', "x.ts:1: assigns to a prototype (patches a library's classes)"],
    ["ApiObject.prototype['toJson'] = fast;", "x.ts:1: assigns to a prototype (patches a library's classes)"],
    ["Object.defineProperty(Chart.prototype, 'toJson', { value: f });", "x.ts:1: assigns to a prototype (patches a library's classes)"],
  ])('flags %s', (line, expected) => {
    expect(violations('/r', '/r/x.ts', line)).toEqual([expected]);
  });

  test('leaves the public API alone', () => {
    const ok = ["import { ApiObject, Chart } from 'cdk8s';", 'const json = obj.toJson();', 'if (Foo.prototype.bar === x) return;', "import { k8s } from 'cdk8s-plus-27';"];
    expect(violations('/r', '/r/x.ts', ok.join('\n'))).toEqual([]);
  });
});

describe('no import cycles in src/', () => {
  test('the import graph of src/ has none', () => {
    const graph = importGraph(filesBelow(join(ROOT, 'src'), ['.ts']));
    expect(graph.size).toBeGreaterThan(50);
    const cycles = importCycles(graph).map((c) => [...c, c[0]].map((f) => relative(ROOT, f)).join(' -> '));
    expect(cycles).toEqual([]);
  });

  test('finds a cycle through type-only imports, re-exports and index files; not a diamond', () => {
    const dir = tempDir('ps-cycles-');
    mkdirSync(join(dir, 'lib'));
    const files: Record<string, string> = {
      'a.ts': "import { b } from './b';\nimport { d } from './d';",
      'b.ts': "export * from './lib';",
      'lib/index.ts': "import type { A } from '../a';",
      'd.ts': "import { e } from './e';",
      'e.ts': "export const e = 1;",
      'f.ts': "import { d } from './d';\nimport { e } from './e';",
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const cycles = importCycles(importGraph(Object.keys(files).map((f) => join(dir, f))));
    expect(cycles.map((c) => c.map((f) => relative(dir, f)))).toEqual([['a.ts', 'b.ts', 'lib/index.ts']]);
  });
});
