import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeTreeAtomically } from '../../src/synth/write';

function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, prefix: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name), `${prefix}${e.name}/`);
      else out[`${prefix}${e.name}`] = readFileSync(join(d, e.name), 'utf8');
    }
  };
  walk(dir, '');
  return out;
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
