import { existsSync, mkdtempSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openOutput, openThreadOutput } from '../../src/synth/output/output-writer';
import { TreeUpdate, TreeUpdateStats, recoverInterruptedRuns } from '../../src/synth/output/tree-update';
import { readTree as tree } from '../cli/cli-helpers';

/** `files` (relative path -> content) as the whole tree `dir`, in one update. */
function writeTreeAtomically(dir: string, files: ReadonlyMap<string, string>): TreeUpdateStats {
  const update = new TreeUpdate(dir);
  for (const [rel, content] of files) update.put(rel, content);
  return update.commit();
}

describe('writeTreeAtomically', () => {
  test('replaces the tree: new files written, files no longer produced removed', () => {
    const parent = mkdtempSync(join(tmpdir(), 'write-'));
    const dist = join(parent, 'dist');
    writeTreeAtomically(dist, new Map([['dev/a/x.yaml', '1'], ['dev/b/y.yaml', '2']]));
    writeTreeAtomically(dist, new Map([['dev/a/x.yaml', '3']]));
    expect(tree(dist)).toEqual({ 'dev/a/x.yaml': '3' });
    expect(readdirSync(parent)).toEqual(['dist']);
  });

  test('a failed write leaves the old tree as it was', () => {
    const parent = mkdtempSync(join(tmpdir(), 'write-'));
    const dist = join(parent, 'dist');
    writeTreeAtomically(dist, new Map([['dev/a/x.yaml', 'old']]));
    // A file and a folder of the same path cannot both be written.
    expect(() => writeTreeAtomically(dist, new Map([['dev/a', 'file'], ['dev/a/x.yaml', 'new']]))).toThrow();
    expect(tree(dist)).toEqual({ 'dev/a/x.yaml': 'old' });
    expect(readdirSync(parent)).toEqual(['dist']);
  });

  test('recovers the old tree after a kill between the two renames', () => {
    const parent = mkdtempSync(join(tmpdir(), 'write-'));
    mkdirSync(join(parent, '.dist.old-123', 'dev'), { recursive: true });
    writeFileSync(join(parent, '.dist.old-123', 'dev', 'x.yaml'), 'old');
    mkdirSync(join(parent, '.dist.staging-123'));
    writeTreeAtomically(join(parent, 'dist'), new Map([['dev/x.yaml', 'new']]));
    expect(tree(join(parent, 'dist'))).toEqual({ 'dev/x.yaml': 'new' });
    expect(readdirSync(parent)).toEqual(['dist']);
  });

  test('an empty tree still yields the folder', () => {
    const parent = mkdtempSync(join(tmpdir(), 'write-'));
    writeTreeAtomically(join(parent, 'dist'), new Map());
    expect(existsSync(join(parent, 'dist'))).toBe(true);
  });
});

describe('writeTreeAtomically reuses unchanged files', () => {
  test('an unchanged file is the same inode afterwards; a changed one is new; the old tree is gone', () => {
    const { statSync } = require('node:fs') as typeof import('node:fs');
    const parent = mkdtempSync(join(tmpdir(), 'write-'));
    const dist = join(parent, 'dist');
    writeTreeAtomically(dist, new Map([['a/same.yaml', 'same'], ['a/changed.yaml', 'v1']]));
    const same = statSync(join(dist, 'a/same.yaml')).ino;
    const changed = statSync(join(dist, 'a/changed.yaml')).ino;
    writeTreeAtomically(dist, new Map([['a/same.yaml', 'same'], ['a/changed.yaml', 'v2']]));
    expect(statSync(join(dist, 'a/same.yaml')).ino).toBe(same);
    expect(statSync(join(dist, 'a/same.yaml')).nlink).toBe(1);
    expect(statSync(join(dist, 'a/changed.yaml')).ino).not.toBe(changed);
    expect(tree(dist)).toEqual({ 'a/same.yaml': 'same', 'a/changed.yaml': 'v2' });
    expect(readdirSync(parent)).toEqual(['dist']);
  });
});

describe('TreeUpdate on an existing tree', () => {
  const { statSync, utimesSync } = require('node:fs') as typeof import('node:fs');

  function existing(files: Record<string, string>): string {
    const parent = mkdtempSync(join(tmpdir(), 'write-'));
    const dist = join(parent, 'dist');
    writeTreeAtomically(dist, new Map(Object.entries(files)));
    return dist;
  }

  test('an unchanged rewrite writes nothing: same inodes, same modification times', () => {
    const dist = existing({ 'dev/a/x.yaml': 'x', 'dev/b/y.yaml': 'y' });
    const past = new Date('2020-01-01T00:00:00Z');
    utimesSync(join(dist, 'dev/a/x.yaml'), past, past);
    const ino = statSync(join(dist, 'dev/a/x.yaml')).ino;
    const stats = writeTreeAtomically(dist, new Map([['dev/a/x.yaml', 'x'], ['dev/b/y.yaml', 'y']]));
    expect(stats).toEqual({ written: 0, unchanged: 2, removed: 0 });
    expect(statSync(join(dist, 'dev/a/x.yaml')).ino).toBe(ino);
    expect(statSync(join(dist, 'dev/a/x.yaml')).mtime).toEqual(past);
    expect(readdirSync(join(dist, '..'))).toEqual(['dist']);
  });

  test('an unchanged rewrite makes no staging folder, not even before its commit', () => {
    const dist = existing({ 'dev/a/x.yaml': 'x' });
    const update = new TreeUpdate(dist);
    update.put('dev/a/x.yaml', 'x');
    expect(readdirSync(join(dist, '..'))).toEqual(['dist']);
    expect(update.commit()).toEqual({ written: 0, unchanged: 1, removed: 0 });
  });

  test('a commit that only removes files still goes through its journal', () => {
    const fs = require('node:fs') as typeof import('node:fs');
    const dist = existing({ 'dev/a.yaml': 'a', 'dev/gone.yaml': 'gone' });
    const update = new TreeUpdate(dist);
    update.put('dev/a.yaml', 'a');
    const writes = jest.spyOn(fs, 'writeFileSync');
    try {
      expect(update.commit()).toEqual({ written: 0, unchanged: 1, removed: 1 });
      expect(writes.mock.calls.map(([file]) => String(file))).toEqual([expect.stringMatching(/\.dist\.staging-\d+\/journal\.json\.tmp$/)]);
    } finally {
      writes.mockRestore();
    }
    expect(tree(dist)).toEqual({ 'dev/a.yaml': 'a' });
    expect(readdirSync(join(dist, '..'))).toEqual(['dist']);
  });

  test('a folder becomes a file and a file a folder; folders left empty are removed', () => {
    const dist = existing({ 'dev/a/x.yaml': '1', 'dev/b': '2', 'dev/c/d/e.yaml': '3' });
    const stats = writeTreeAtomically(dist, new Map([['dev/a', 'now a file'], ['dev/b/y.yaml', 'now in a folder']]));
    expect(stats).toEqual({ written: 2, unchanged: 0, removed: 3 });
    expect(tree(dist)).toEqual({ 'dev/a': 'now a file', 'dev/b/y.yaml': 'now in a folder' });
    expect(readdirSync(join(dist, 'dev')).sort()).toEqual(['a', 'b']);
  });

  test('a kill while committing is rolled forward by the next run', () => {
    const fs = require('node:fs') as typeof import('node:fs');
    const dist = existing({ 'dev/a.yaml': 'old a', 'dev/b.yaml': 'old b', 'dev/gone.yaml': 'gone' });
    const update = new TreeUpdate(dist);
    update.put('dev/a.yaml', 'new a');
    update.put('dev/b.yaml', 'new b');
    // The journal is renamed into place, then the first staged file; the second rename "dies".
    const real = fs.renameSync;
    let renames = 0;
    const spy = jest.spyOn(fs, 'renameSync').mockImplementation((from, to) => {
      if (++renames === 3) throw new Error('killed');
      real(from, to);
    });
    try {
      expect(() => update.commit()).toThrow('killed');
    } finally {
      spy.mockRestore();
    }
    expect(tree(dist)).toEqual({ 'dev/a.yaml': 'new a', 'dev/b.yaml': 'old b' });
    recoverInterruptedRuns(dist);
    expect(tree(dist)).toEqual({ 'dev/a.yaml': 'new a', 'dev/b.yaml': 'new b' });
    expect(readdirSync(join(dist, '..'))).toEqual(['dist']);
  });

  test('a run killed before its commit leaves the tree as it was; the next run drops its staging', () => {
    const dist = existing({ 'dev/a.yaml': 'old' });
    const update = new TreeUpdate(dist);
    update.put('dev/a.yaml', 'new');
    update.put('dev/extra.yaml', 'new');
    // No commit: the process "dies" here.
    expect(tree(dist)).toEqual({ 'dev/a.yaml': 'old' });
    expect(readdirSync(join(dist, '..')).length).toBe(2);
    writeTreeAtomically(dist, new Map([['dev/a.yaml', 'old']]));
    expect(readdirSync(join(dist, '..'))).toEqual(['dist']);
  });
});

describe('output writers', () => {
  const { buildSync } = require('esbuild') as typeof import('esbuild');
  // The worker as scripts/build.mjs embeds it in the CLI.
  const source = buildSync({ entryPoints: [join(__dirname, '../../src/synth/output/worker.ts')], bundle: true, platform: 'node', format: 'cjs', write: false }).outputFiles[0].text;

  function trees() {
    const parent = mkdtempSync(join(tmpdir(), 'output-'));
    writeTreeAtomically(join(parent, 'dist'), new Map([['dev/a.yaml', 'old']]));
    return { parent, dirs: [join(parent, 'dist'), join(parent, 'argocd')] };
  }

  for (const [name, open] of [
    ['in-process', (dirs: string[]) => openOutput(dirs, { thread: false })],
    ['worker thread', (dirs: string[]) => openThreadOutput(source, dirs)],
  ] as const) {
    test(`${name}: commit writes both trees`, async () => {
      const { parent, dirs } = trees();
      const out = open(dirs);
      out.put(0, 'dev/a.yaml', 'new');
      out.put(1, 'dev/root.yaml', 'root');
      expect(await out.commit()).toEqual([
        { written: 1, unchanged: 0, removed: 0 },
        { written: 1, unchanged: 0, removed: 0 },
      ]);
      expect(tree(dirs[0])).toEqual({ 'dev/a.yaml': 'new' });
      expect(tree(dirs[1])).toEqual({ 'dev/root.yaml': 'root' });
      expect(readdirSync(parent).sort()).toEqual(['argocd', 'dist']);
    });

    test(`${name}: abort leaves the trees as they were, with no leftovers`, async () => {
      const { parent, dirs } = trees();
      const out = open(dirs);
      out.put(0, 'dev/a.yaml', 'new');
      out.put(1, 'dev/root.yaml', 'root');
      await out.abort();
      expect(tree(dirs[0])).toEqual({ 'dev/a.yaml': 'old' });
      expect(readdirSync(parent)).toEqual(['dist']);
    });

    test(`${name}: a tree that cannot be written fails the commit with the reason, and nothing changes`, async () => {
      const { parent, dirs } = trees();
      writeFileSync(join(parent, 'file'), 'not a folder');
      const attempt = async () => {
        const out = open([dirs[0], join(parent, 'file', 'argocd')]);
        out.put(0, 'dev/a.yaml', 'new');
        return out.commit();
      };
      await expect(attempt()).rejects.toThrow(/ENOTDIR|EEXIST/);
      expect(tree(dirs[0])).toEqual({ 'dev/a.yaml': 'old' });
      expect(readdirSync(parent).sort()).toEqual(['dist', 'file']);
    });
  }

  test('from sources, the threaded writer needs the bundled worker', () => {
    expect(() => openOutput([], { thread: true })).toThrow('only part of the bundled CLI');
  });
});
