import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, tempDir } from './cli-helpers';

/**
 * Runs scripts/import.mjs from `root` with a temporary folder of its own as TMPDIR, and returns
 * what is left in that folder afterwards.
 */
function runImport(root: string, ...args: string[]) {
  const tmp = tempDir();
  const r = spawnSync(process.execPath, [join(root, 'scripts/import.mjs'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, TMPDIR: tmp }, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, leftInTmp: readdirSync(tmp) };
}

/** A copy of the script in a folder of its own, with a cdk8s.yaml naming `urls` (nothing is written to this repository). */
function scratchProject(urls: string[]): string {
  const root = tempDir();
  mkdirSync(join(root, 'scripts'));
  cpSync(join(ROOT, 'scripts/import.mjs'), join(root, 'scripts/import.mjs'));
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'));
  writeFileSync(join(root, 'cdk8s.yaml'), `imports:\n${urls.map((u, i) => `  - crd${i}:=${u}\n`).join('')}`);
  return root;
}

describe('npm run import fails in one line and leaves no temporary folder', () => {
  test('--from a missing folder', () => {
    const r = runImport(ROOT, '--from', 'no/such/folder');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('import: --from no/such/folder: no such folder\n');
    expect(r.leftInTmp).toEqual([]);
  });

  test('--from a folder without the CRDs', () => {
    const root = scratchProject(['https://example.com/crds/x.io_things.yaml']);
    const empty = tempDir();
    const r = runImport(root, '--from', empty);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`import: ${empty}: expected one file named *_things.yaml, found 0\n`);
    expect(r.leftInTmp).toEqual([]);
  });

  test('offline: the download fails (a host that never resolves stands for no network)', () => {
    // .invalid never resolves (RFC 2606), with or without a network.
    const root = scratchProject(['https://crds.invalid/x.io_things.yaml']);
    const r = runImport(root);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^import: https:\/\/crds\.invalid\/x\.io_things\.yaml: cannot download \((ENOTFOUND|EAI_AGAIN)\); offline\? use `npm run import -- --from DIR` with a folder of the same CRDs\n$/,
    );
    expect(r.leftInTmp).toEqual([]);
    expect(readdirSync(root).sort()).toEqual(['cdk8s.yaml', 'node_modules', 'scripts']);
  });

  test('a cdk8s.yaml entry that is not <prefix>:=<url>', () => {
    const root = scratchProject([]);
    writeFileSync(join(root, 'cdk8s.yaml'), 'imports:\n  - just-a-name\n');
    const r = runImport(root);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('import: cdk8s.yaml: imports: "just-a-name" is not <prefix>:=<url>\n');
    expect(r.leftInTmp).toEqual([]);
  });
});
