import { DiffGroup, TreeDiff, diffTrees, templated } from '../../src/diff/changes';
import { changedFields } from '../../src/diff/fields';
import { MARKDOWN_BUDGET, code, renderMarkdown, renderText } from '../../src/diff/render';
import { renderValue, shorten } from '../../src/diff/values';

describe('values', () => {
  test('strings bare when unambiguous; quoted when YAML would read another type or whitespace matters; the rest as JSON', () => {
    expect(renderValue('pipelines-1.11')).toBe('pipelines-1.11');
    expect(renderValue('true')).toBe('"true"');
    expect(renderValue('1.10')).toBe('"1.10"');
    expect(renderValue('')).toBe('""');
    expect(renderValue(' x')).toBe('" x"');
    expect(renderValue('a\nb')).toBe('"a\\nb"');
    expect(renderValue(3)).toBe('3');
    expect(renderValue(false)).toBe('false');
    expect(renderValue(null)).toBe('null');
    expect(renderValue(undefined)).toBe('(absent)');
    expect(renderValue({ b: 1, a: [1, 'x'] })).toBe('{"b":1,"a":[1,"x"]}');
  });

  test('long values are shortened to the limit, with a marker saying how much was cut', () => {
    const long = 'x'.repeat(500);
    const s = shorten(long, 120);
    expect(s.length).toBeLessThanOrEqual(120);
    expect(s).toMatch(/^x+…\[\+\d+ chars\]$/);
    const kept = s.indexOf('…');
    expect(Number(/\+(\d+) chars/.exec(s)![1])).toBe(500 - kept);
    expect(shorten('short', 120)).toBe('short');
    expect(renderValue('y'.repeat(1000)).length).toBe(120);
  });

  test('changed fields carry both values; absent on one side is undefined', () => {
    expect(changedFields({ a: { b: 1, 'x.y': [1, 2] }, l: [1], gone: 'g' }, { a: { b: 2, 'x.y': [1, 3] }, l: [1, 2], new: true })).toEqual([
      { path: 'a.b', before: 1, after: 2 },
      { path: 'a["x.y"][1]', before: 2, after: 3 },
      { path: 'gone', before: 'g', after: undefined },
      { path: 'l', before: [1], after: [1, 2] },
      { path: 'new', before: undefined, after: true },
    ]);
  });
});

describe('markdown', () => {
  test('code spans hold backticks', () => {
    expect(code('a')).toBe('`a`');
    expect(code('a`b')).toBe('`` a`b ``');
  });

  test('target names are templated only where they stand as a whole name part', () => {
    expect(templated('bench-bench-0001-operator', 'bench-0001')).toBe('bench-<target>-operator');
    expect(templated('dist/e/c1/operator', 'c1')).toBe('dist/e/<target>/operator');
    expect(templated('c10-operator', 'c1')).toBe('c10-operator');
  });

  // 3,000 applications, each with its own change: far more than a comment holds.
  const many: TreeDiff = (() => {
    const before = new Map<string, string>();
    const after = new Map<string, string>();
    for (let i = 0; i < 3000; i++) {
      const f = `dist/e/t${i}/c/configmap_ns_cm.yaml`;
      before.set(f, `kind: ConfigMap\nmetadata:\n  name: cm\n  namespace: ns\ndata:\n  v: before-${i}-${'p'.repeat(200)}\n`);
      after.set(f, `kind: ConfigMap\nmetadata:\n  name: cm\n  namespace: ns\ndata:\n  v: after-${i}\n`);
    }
    return diffTrees(before, after);
  })();

  test('over the budget: summary first, values folded, notes of what was left out, under 60,000 characters', () => {
    expect(many.groups).toHaveLength(3000);
    const md = renderMarkdown(many, 'main');
    expect(md.length).toBeLessThanOrEqual(MARKDOWN_BUDGET);
    expect(MARKDOWN_BUDGET).toBeLessThan(60_000);
    expect(md).toMatch(/^### Manifest changes against `main`\n\n1 application: 0 added, 0 removed, 3,000 changed\n\n\| application \| targets \| changes \|/);
    expect(md).toMatch(/\n_\d[\d,]* more applications not shown here \(size limit\)/);
    expect(md).toMatch(/\n_\d[\d,]* more applications' values not shown here/);
    expect(md.indexOf('<details>')).toBeGreaterThan(md.lastIndexOf('| `'));
    expect(md.trimEnd().endsWith('</details>')).toBe(true);
    // Values are shortened in the comment, whole in the full output.
    expect(md).toContain('…[+');
    const full = renderMarkdown(many, 'main', { full: true });
    expect(full).not.toContain('…[+');
    expect(full).not.toContain('not shown here');
    expect(full.match(/^#### /gm)).toHaveLength(3000);
  });

  test('text names a few targets in the terminal, all with full', () => {
    const g: DiffGroup = { application: 'e-<target>-c', path: 'dist/e/<target>/c', targets: ['a', 'b', 'c', 'd', 'e'], of: 9, entries: [{ change: 'added', object: 'ConfigMap ns/x', fields: [] }] };
    const d: TreeDiff = { groups: [g], totals: { applications: 5, added: 5, removed: 0, changed: 0, entries: 1 } };
    expect(renderText(d, 'main')).toBe('changes against main, 5 applications: 5 added, 0 removed, 0 changed, in 1 entry\n\ne-<target>-c (dist/e/<target>/c) on 5 of 9 targets: a, b, c, ... and 2 more\n  + ConfigMap ns/x\n');
    expect(renderText(d, 'main', { full: true })).toContain('on 5 of 9 targets: a, b, c, d, e\n');
  });
});
