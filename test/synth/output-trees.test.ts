import { existsSync, mkdirSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openOutput, openThreadOutput } from '../../src/synth/output/output-writer';
import { recoverInterruptedRuns } from '../../src/synth/output/staging';
import type { TreeUpdateStats } from '../../src/synth/output/tree-update';
import { OutputTrees } from '../../src/synth/output/trees';
import { readTree as tree } from '../cli/cli-helpers';
import { tempDir } from '../temp-dir';

// The module object itself (an ES namespace import is frozen): what jest.spyOn can replace.
const fs = require('node:fs') as typeof import('node:fs');

function outputRoot(): string {
  return tempDir('output-');
}

/** `files` per tree (relative path -> content) as the whole trees, in one commit. */
function write(root: string, trees: Record<string, Record<string, string>>): TreeUpdateStats[] {
  const names = Object.keys(trees);
  const out = OutputTrees.open(root, names);
  names.forEach((name, i) => {
    for (const [rel, content] of Object.entries(trees[name])) out.put(i, rel, content);
  });
  return out.commit();
}

const writeDist = (root: string, files: Record<string, string>) => write(root, { dist: files })[0];

describe('OutputTrees', () => {
  test('replaces the tree: new files written, files no longer produced removed', () => {
    const root = outputRoot();
    writeDist(root, { 'dev/a/x.yaml': '1', 'dev/b/y.yaml': '2' });
    writeDist(root, { 'dev/a/x.yaml': '3' });
    expect(tree(join(root, 'dist'))).toEqual({ 'dev/a/x.yaml': '3' });
    expect(readdirSync(root)).toEqual(['dist']);
  });

  test('a failed write leaves the old tree as it was', () => {
    const root = outputRoot();
    writeDist(root, { 'dev/a/x.yaml': 'old' });
    // A file and a folder of the same path cannot both be written.
    expect(() => writeDist(root, { 'dev/a': 'file', 'dev/a/x.yaml': 'new' })).toThrow('dev/a/x.yaml: dev/a is already a file');
    expect(tree(join(root, 'dist'))).toEqual({ 'dev/a/x.yaml': 'old' });
    expect(readdirSync(root)).toEqual(['dist']);
  });

  test('a path that is not a normalized relative path is refused, and nothing changes', () => {
    const root = outputRoot();
    writeDist(root, { 'dev/a.yaml': 'old' });
    for (const bad of ['../escape.yaml', 'dev/../../escape.yaml', '/abs.yaml', 'dev//a.yaml', 'dev/./a.yaml', '']) {
      expect(() => writeDist(root, { [bad]: 'x' })).toThrow(`${JSON.stringify(bad)}: `);
    }
    expect(tree(join(root, 'dist'))).toEqual({ 'dev/a.yaml': 'old' });
    expect(readdirSync(root)).toEqual(['dist']);
  });

  test('an empty tree still yields the folder', () => {
    const root = outputRoot();
    writeDist(root, {});
    expect(existsSync(join(root, 'dist'))).toBe(true);
    expect(readdirSync(root)).toEqual(['dist']);
  });

  test('only trees synth owns, not overlapping', () => {
    const root = outputRoot();
    for (const trees of [['src'], ['../dist'], ['dist', 'dist/dev'], ['dist/../argocd']]) {
      expect(() => OutputTrees.open(root, trees)).toThrow(/must be one of dist, argocd/);
    }
  });

  test('an unchanged file is the same inode afterwards; a changed one is new; no leftovers', () => {
    const root = outputRoot();
    const dist = join(root, 'dist');
    writeDist(root, { 'a/same.yaml': 'same', 'a/changed.yaml': 'v1' });
    const same = statSync(join(dist, 'a/same.yaml')).ino;
    const changed = statSync(join(dist, 'a/changed.yaml')).ino;
    writeDist(root, { 'a/same.yaml': 'same', 'a/changed.yaml': 'v2' });
    expect(statSync(join(dist, 'a/same.yaml')).ino).toBe(same);
    expect(statSync(join(dist, 'a/same.yaml')).nlink).toBe(1);
    expect(statSync(join(dist, 'a/changed.yaml')).ino).not.toBe(changed);
    expect(tree(dist)).toEqual({ 'a/same.yaml': 'same', 'a/changed.yaml': 'v2' });
    expect(readdirSync(root)).toEqual(['dist']);
  });
});

describe('OutputTrees over existing trees', () => {
  function existing(files: Record<string, string>): string {
    const root = outputRoot();
    writeDist(root, files);
    return root;
  }

  test('an unchanged rewrite writes nothing: same inodes, same modification times', () => {
    const root = existing({ 'dev/a/x.yaml': 'x', 'dev/b/y.yaml': 'y' });
    const x = join(root, 'dist/dev/a/x.yaml');
    const past = new Date('2020-01-01T00:00:00Z');
    utimesSync(x, past, past);
    const ino = statSync(x).ino;
    expect(writeDist(root, { 'dev/a/x.yaml': 'x', 'dev/b/y.yaml': 'y' })).toEqual({ written: 0, unchanged: 2, removed: 0 });
    expect(statSync(x).ino).toBe(ino);
    expect(statSync(x).mtime).toEqual(past);
    expect(readdirSync(root)).toEqual(['dist']);
  });

  test('an unchanged rewrite makes no staging folder, not even before its commit', () => {
    const root = existing({ 'dev/a/x.yaml': 'x' });
    const out = OutputTrees.open(root, ['dist']);
    out.put(0, 'dev/a/x.yaml', 'x');
    expect(readdirSync(root)).toEqual(['dist']);
    expect(out.commit()).toEqual([{ written: 0, unchanged: 1, removed: 0 }]);
  });

  test('a commit that only removes files still goes through its journal', () => {
    const root = existing({ 'dev/a.yaml': 'a', 'dev/gone.yaml': 'gone' });
    const out = OutputTrees.open(root, ['dist']);
    out.put(0, 'dev/a.yaml', 'a');
    const writes = jest.spyOn(fs, 'writeFileSync');
    try {
      expect(out.commit()).toEqual([{ written: 0, unchanged: 1, removed: 1 }]);
      expect(writes.mock.calls.map(([file]) => String(file))).toEqual([expect.stringMatching(/\/\.synth\.staging-\d+\/journal\.json\.tmp$/)]);
    } finally {
      writes.mockRestore();
    }
    expect(tree(join(root, 'dist'))).toEqual({ 'dev/a.yaml': 'a' });
    expect(readdirSync(root)).toEqual(['dist']);
  });

  test('a folder becomes a file and a file a folder; folders left empty are removed', () => {
    const root = existing({ 'dev/a/x.yaml': '1', 'dev/b': '2', 'dev/c/d/e.yaml': '3' });
    expect(writeDist(root, { 'dev/a': 'now a file', 'dev/b/y.yaml': 'now in a folder' })).toEqual({ written: 2, unchanged: 0, removed: 3 });
    expect(tree(join(root, 'dist'))).toEqual({ 'dev/a': 'now a file', 'dev/b/y.yaml': 'now in a folder' });
    expect(readdirSync(join(root, 'dist/dev')).sort()).toEqual(['a', 'b']);
  });

  test('a FIFO in the old tree is replaced, never opened (reading it would block)', () => {
    const root = existing({ 'dev/a.yaml': 'a' });
    const { execFileSync } = require('node:child_process') as typeof import('node:child_process');
    execFileSync('mkfifo', [join(root, 'dist/dev/b.yaml'), join(root, 'dist/dev/stray')]);
    expect(writeDist(root, { 'dev/a.yaml': 'a', 'dev/b.yaml': 'b' })).toEqual({ written: 1, unchanged: 1, removed: 1 });
    expect(tree(join(root, 'dist'))).toEqual({ 'dev/a.yaml': 'a', 'dev/b.yaml': 'b' });
  });

  test('a kill while committing is rolled forward by the next run', () => {
    const root = existing({ 'dev/a.yaml': 'old a', 'dev/b.yaml': 'old b', 'dev/gone.yaml': 'gone' });
    const out = OutputTrees.open(root, ['dist']);
    out.put(0, 'dev/a.yaml', 'new a');
    out.put(0, 'dev/b.yaml', 'new b');
    // The journal is renamed into place, then the first staged file; the second rename "dies".
    const real = fs.renameSync;
    let renames = 0;
    const spy = jest.spyOn(fs, 'renameSync').mockImplementation((from, to) => {
      if (++renames === 3) throw new Error('killed');
      real(from, to);
    });
    try {
      expect(() => out.commit()).toThrow('killed');
    } finally {
      spy.mockRestore();
    }
    expect(tree(join(root, 'dist'))).toEqual({ 'dev/a.yaml': 'new a', 'dev/b.yaml': 'old b' });
    recoverInterruptedRuns(root);
    expect(tree(join(root, 'dist'))).toEqual({ 'dev/a.yaml': 'new a', 'dev/b.yaml': 'new b' });
    expect(readdirSync(root)).toEqual(['dist']);
  });

  test('a kill right after a file became a folder: applying the journal again completes it', () => {
    const root = existing({ 'dev/b': 'file' });
    const out = OutputTrees.open(root, ['dist']);
    out.put(0, 'dev/b/y.yaml', 'y');
    out.put(0, 'dev/z.yaml', 'z');
    const real = fs.renameSync;
    let renames = 0;
    const spy = jest.spyOn(fs, 'renameSync').mockImplementation((from, to) => {
      if (++renames === 3) throw new Error('killed');
      real(from, to);
    });
    try {
      expect(() => out.commit()).toThrow('killed');
    } finally {
      spy.mockRestore();
    }
    // dev/b is now a folder the journal made; removing the file dev/b again must skip it.
    recoverInterruptedRuns(root);
    expect(tree(join(root, 'dist'))).toEqual({ 'dev/b/y.yaml': 'y', 'dev/z.yaml': 'z' });
    expect(readdirSync(root)).toEqual(['dist']);
  });

  test('a run killed before its commit leaves the tree as it was; the next run drops its staging', () => {
    const root = existing({ 'dev/a.yaml': 'old' });
    const out = OutputTrees.open(root, ['dist']);
    out.put(0, 'dev/a.yaml', 'new');
    out.put(0, 'dev/extra.yaml', 'new');
    // No commit: the process "dies" here.
    expect(tree(join(root, 'dist'))).toEqual({ 'dev/a.yaml': 'old' });
    expect(readdirSync(root).sort()).toEqual([`.synth.staging-${process.pid}`, 'dist']);
    writeDist(root, { 'dev/a.yaml': 'old' });
    expect(readdirSync(root)).toEqual(['dist']);
  });

  test('a tree that is a file is refused before anything changes, naming it', () => {
    const root = existing({ 'dev/a.yaml': 'old' });
    writeFileSync(join(root, 'argocd'), 'not a folder');
    expect(() => OutputTrees.open(root, ['dist', 'argocd'])).toThrow(`${join(root, 'argocd')}: is a file, not a folder; synth writes a folder here: move the file away, then run synth again`);
    expect(tree(join(root, 'dist'))).toEqual({ 'dev/a.yaml': 'old' });
    expect(readdirSync(root).sort()).toEqual(['argocd', 'dist']);
  });
});

describe('both trees in one journal', () => {
  function both(root: string, version: string) {
    return write(root, {
      dist: { 'dev/a/app.yaml': `app ${version}`, [`dev/${version}/only.yaml`]: version },
      argocd: { 'dev/root.yaml': `root ${version}`, [`dev/apps/${version}.yaml`]: `points at dist/dev/${version}` },
    });
  }
  const expected = (version: string) => ({
    dist: { 'dev/a/app.yaml': `app ${version}`, [`dev/${version}/only.yaml`]: version },
    argocd: { 'dev/root.yaml': `root ${version}`, [`dev/apps/${version}.yaml`]: `points at dist/dev/${version}` },
  });
  const trees = (root: string) => ({ dist: tree(join(root, 'dist')), argocd: tree(join(root, 'argocd')) });

  test('an error applying argocd/ after dist/: one line naming the file and the step; the next run completes both', () => {
    const root = outputRoot();
    both(root, 'v1');
    const real = fs.renameSync;
    const spy = jest.spyOn(fs, 'renameSync').mockImplementation((from, to) => {
      if (String(to).startsWith(join(root, 'argocd/'))) throw Object.assign(new Error(`ENOTDIR: not a directory, rename '${String(from)}'`), { code: 'ENOTDIR' });
      real(from, to);
    });
    let message = '';
    try {
      both(root, 'v2');
    } catch (e) {
      message = (e as Error).message;
    } finally {
      spy.mockRestore();
    }
    expect(message).toMatch(
      new RegExp(`^cannot move the staged file into ${join(root, 'argocd/dev/')}\\S+\\.yaml: a part of the path is a file, not a folder; the journal stays in ${join(root, '.synth.staging-')}\\d+ and the next synth completes this change$`),
    );
    expect(message).not.toContain('\n');
    // dist/ is new, argocd/ old: the journal holds both, so the next run (here: before it reads) finishes argocd/.
    expect(trees(root).dist).toEqual(expected('v2').dist);
    recoverInterruptedRuns(root);
    expect(trees(root)).toEqual(expected('v2'));
    expect(readdirSync(root).sort()).toEqual(['argocd', 'dist']);
  });

  test('a kill between the trees (after the last dist/ change) is completed by the next run', () => {
    const root = outputRoot();
    both(root, 'v1');
    const real = fs.renameSync;
    let argocdRenames = 0;
    const spy = jest.spyOn(fs, 'renameSync').mockImplementation((from, to) => {
      if (String(to).startsWith(join(root, 'argocd/')) && ++argocdRenames === 1) throw new Error('killed');
      real(from, to);
    });
    try {
      expect(() => both(root, 'v2')).toThrow('killed');
    } finally {
      spy.mockRestore();
    }
    // Removals come first (in both trees), then the renames: dist/ is new, argocd/ not yet.
    expect(trees(root)).toEqual({ dist: expected('v2').dist, argocd: { 'dev/root.yaml': 'root v1' } });
    // The next run opens the output: the journal is completed before the old trees are read.
    expect(both(root, 'v2')).toEqual([
      { written: 0, unchanged: 2, removed: 0 },
      { written: 0, unchanged: 2, removed: 0 },
    ]);
    expect(trees(root)).toEqual(expected('v2'));
    expect(readdirSync(root).sort()).toEqual(['argocd', 'dist']);
  });

  test('a new tree beside an existing one: created through the same journal', () => {
    const root = outputRoot();
    writeDist(root, { 'dev/a.yaml': 'old' });
    const out = OutputTrees.open(root, ['dist', 'argocd']);
    out.put(0, 'dev/a.yaml', 'new');
    out.put(1, 'dev/root.yaml', 'root');
    const real = fs.renameSync;
    let renames = 0;
    // journal, the new argocd/ tree, then the dist/ file: that one "dies".
    const spy = jest.spyOn(fs, 'renameSync').mockImplementation((from, to) => {
      if (++renames === 3) throw new Error('killed');
      real(from, to);
    });
    try {
      expect(() => out.commit()).toThrow('killed');
    } finally {
      spy.mockRestore();
    }
    expect(trees(root)).toEqual({ dist: { 'dev/a.yaml': 'old' }, argocd: { 'dev/root.yaml': 'root' } });
    recoverInterruptedRuns(root);
    expect(trees(root)).toEqual({ dist: { 'dev/a.yaml': 'new' }, argocd: { 'dev/root.yaml': 'root' } });
  });
});

describe('output writers', () => {
  const { buildSync } = require('esbuild') as typeof import('esbuild');
  // The worker as scripts/build.mjs embeds it in the CLI.
  const source = buildSync({ entryPoints: [join(__dirname, '../../src/synth/output/worker.ts')], bundle: true, platform: 'node', format: 'cjs', write: false }).outputFiles[0].text;

  function trees() {
    const root = outputRoot();
    writeDist(root, { 'dev/a.yaml': 'old' });
    return root;
  }

  for (const [name, open] of [
    ['in-process', (root: string, t: string[]) => openOutput(root, t, { thread: false })],
    ['worker thread', (root: string, t: string[]) => openThreadOutput(source, root, t)],
  ] as const) {
    test(`${name}: commit writes both trees`, async () => {
      const root = trees();
      const out = open(root, ['dist', 'argocd']);
      out.put(0, 'dev/a.yaml', 'new');
      out.put(1, 'dev/root.yaml', 'root');
      expect(await out.commit()).toEqual([
        { written: 1, unchanged: 0, removed: 0 },
        { written: 1, unchanged: 0, removed: 0 },
      ]);
      expect(tree(join(root, 'dist'))).toEqual({ 'dev/a.yaml': 'new' });
      expect(tree(join(root, 'argocd'))).toEqual({ 'dev/root.yaml': 'root' });
      expect(readdirSync(root).sort()).toEqual(['argocd', 'dist']);
    });

    test(`${name}: abort leaves the trees as they were, with no leftovers`, async () => {
      const root = trees();
      const out = open(root, ['dist', 'argocd']);
      out.put(0, 'dev/a.yaml', 'new');
      out.put(1, 'dev/root.yaml', 'root');
      await out.abort();
      expect(tree(join(root, 'dist'))).toEqual({ 'dev/a.yaml': 'old' });
      expect(readdirSync(root)).toEqual(['dist']);
    });

    test(`${name}: a tree that cannot be written fails the commit with the reason, and nothing changes`, async () => {
      const root = trees();
      mkdirSync(join(root, 'argocd'));
      writeFileSync(join(root, 'argocd/dev'), 'not a folder');
      const attempt = async () => {
        const out = open(root, ['dist', 'argocd/dev']);
        out.put(0, 'dev/a.yaml', 'new');
        return out.commit();
      };
      await expect(attempt()).rejects.toThrow(`${join(root, 'argocd/dev')}: is a file, not a folder`);
      expect(tree(join(root, 'dist'))).toEqual({ 'dev/a.yaml': 'old' });
      expect(readdirSync(root).sort()).toEqual(['argocd', 'dist']);
    });
  }

  test('from sources, the threaded writer needs the bundled worker', () => {
    expect(() => openOutput(outputRoot(), [], { thread: true })).toThrow('only part of the bundled CLI');
  });
});
