import { spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { STATE_FILE, upToDate } from '../../src/synth/output/synth-state';
import { ROOT, cliIn, readTree, tempDir } from './cli-helpers';

// The no-op fast path of npm run synth (scripts/run.mjs, src/synth/output/synth-state.ts).
const CLI = join(ROOT, 'build/cli.js');
const UP_TO_DATE = /^synth: up to date, nothing written: .*\(--force synthesizes anyway\)$/;
const ARGS = ['--outdir', 'out'];

/** `npm run synth -- ARGS` in `cwd`, as package.json runs it. */
function run(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, ['--expose-gc', join(ROOT, 'scripts/run.mjs'), 'synth', ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const lastLine = (s: string) => s.trimEnd().split('\n').at(-1) ?? '';

/** A working folder with the tests' environments, synthesized once through the launcher (which records the state). */
function project() {
  const dir = tempDir();
  cpSync(join(ROOT, 'test/fixtures/environments'), join(dir, 'environments'), { recursive: true });
  const first = run(dir, ...ARGS);
  expect(first.code).toBe(0);
  expect(lastLine(first.stdout)).not.toMatch(UP_TO_DATE);
  expect(existsSync(join(dir, 'out', STATE_FILE))).toBe(true);
  return { dir, out: join(dir, 'out'), first, fresh: () => upToDate(ARGS, CLI, dir).recorded };
}

describe('npm run synth: the no-op fast path', () => {
  test('a second run with nothing changed prints what the first printed, and that it is up to date, writing nothing', () => {
    const { dir, out, first, fresh } = project();
    expect(first.stderr).toMatch(/^warning: /); // the fixtures warn: replayed too
    expect(fresh()).toEqual({ stdout: first.stdout, stderr: first.stderr });
    const before = readTree(out);
    const mtimes = statSync(join(out, STATE_FILE)).mtimeMs;
    const second = run(dir, ...ARGS);
    expect(second.code).toBe(0);
    expect(second.stderr).toBe(first.stderr);
    expect(second.stdout).toBe(`${first.stdout}${lastLine(second.stdout)}\n`);
    expect(lastLine(second.stdout)).toMatch(UP_TO_DATE);
    expect(readTree(out)).toEqual(before);
    expect(statSync(join(out, STATE_FILE)).mtimeMs).toBe(mtimes);
  }, 120_000);

  test('an output file edited by hand (same size, modification time put back) is synthesized again, and restored', () => {
    const { dir, out, first, fresh } = project();
    const tree = readTree(join(out, 'dist'));
    const file = join(out, 'dist', Object.keys(tree).filter((f) => f.endsWith('.yaml'))[0]);
    const original = readFileSync(file, 'utf8');
    const { atime, mtime } = statSync(file);
    writeFileSync(file, original.replace(/[a-z]/, 'Q'));
    utimesSync(file, atime, mtime);
    expect(fresh()).toBeUndefined();
    const again = run(dir, ...ARGS);
    expect(again.code).toBe(0);
    expect(lastLine(again.stdout)).not.toMatch(UP_TO_DATE);
    expect(again.stdout).toMatch(/dist: 1 new or changed, 0 removed/);
    expect(readFileSync(file, 'utf8')).toBe(original);
    expect(again.stderr).toBe(first.stderr);
    // ... and recorded again.
    expect(fresh()).toEqual({ stdout: again.stdout, stderr: again.stderr });
  }, 120_000);

  test('never skips when the output, the inputs or the options changed, or another synth is (or was) writing', () => {
    const { dir, out, fresh } = project();
    const dist = join(out, 'dist');
    const files = Object.keys(readTree(dist));
    expect(files.length).toBeGreaterThan(0);
    const env = join(dir, 'environments', 'dev.yaml');
    /** `change` makes the output folder stale, `undo` puts it back as it was: up to date again. */
    const stale = (change: () => void, undo: () => void) => {
      expect(fresh()).toBeDefined();
      change();
      expect(fresh()).toBeUndefined();
      undo();
    };
    const aside = join(dir, 'aside');
    // Output: removed, added, a folder added, a link added.
    copyFileSync(join(dist, files[0]), aside);
    stale(() => unlinkSync(join(dist, files[0])), () => {
      // Put back whole with its old stats is impossible (new inode): synthesize again.
      expect(run(dir, ...ARGS).code).toBe(0);
    });
    stale(() => writeFileSync(join(dist, 'extra.yaml'), 'x: 1\n'), () => unlinkSync(join(dist, 'extra.yaml')));
    stale(() => mkdirSync(join(dist, 'empty')), () => rmSync(join(dist, 'empty'), { recursive: true }));
    stale(() => symlinkSync(aside, join(dist, 'link.yaml')), () => unlinkSync(join(dist, 'link.yaml')));
    stale(() => symlinkSync(aside, join(out, 'argocd', 'link.yaml')), () => unlinkSync(join(out, 'argocd', 'link.yaml')));
    // Inputs: an environment edited (one comment), added; the bundle changed.
    const text = readFileSync(env, 'utf8');
    stale(() => appendFileSync(env, '\n# one more line\n'), () => writeFileSync(env, text));
    stale(() => writeFileSync(join(dir, 'environments', 'zz.yaml'), text), () => unlinkSync(join(dir, 'environments', 'zz.yaml')));
    const otherBundle = join(dir, 'cli.js');
    writeFileSync(otherBundle, `${readFileSync(CLI, 'utf8')}\n`);
    expect(upToDate(ARGS, otherBundle, dir).recorded).toBeUndefined();
    // Options: other arguments, --force, another working folder.
    expect(upToDate(['--outdir', './out'], CLI, dir).recorded).toBeUndefined();
    expect(upToDate([...ARGS, '--wait', '5'], CLI, dir).recorded).toBeUndefined();
    expect(upToDate([...ARGS, '--config', env], CLI, dir).recorded).toBeUndefined();
    expect(upToDate([...ARGS, '--force'], CLI, dir).recorded).toBeUndefined();
    expect(upToDate(['--outdir', out], CLI, dir).recorded).toBeUndefined();
    // Another synth writing (its lock), or one stopped midway (a staging folder).
    stale(() => writeFileSync(join(out, '.synth.lock'), '{}'), () => unlinkSync(join(out, '.synth.lock')));
    stale(() => mkdirSync(join(out, '.synth.staging-123')), () => rmSync(join(out, '.synth.staging-123'), { recursive: true }));
    // A state file that is not one.
    const state = readFileSync(join(out, STATE_FILE), 'utf8');
    stale(() => writeFileSync(join(out, STATE_FILE), state.slice(0, -10)), () => writeFileSync(join(out, STATE_FILE), state));
    stale(() => writeFileSync(join(out, STATE_FILE), state.replace(/"key":"[0-9a-f]/, '"key":"x')), () => writeFileSync(join(out, STATE_FILE), state));
    // An editor's hidden file next to the environments is not read by synth: still up to date.
    writeFileSync(join(dir, 'environments', '.dev.yaml.swp'), 'x');
    expect(fresh()).toBeDefined();
  }, 120_000);

  test('--force synthesizes; so does the CLI run directly, which drops the state', () => {
    const { dir, out } = project();
    const forced = run(dir, ...ARGS, '--force');
    expect(forced.code).toBe(0);
    expect(lastLine(forced.stdout)).not.toMatch(UP_TO_DATE);
    expect(forced.stdout).toMatch(/dist: 0 new or changed, 0 removed, \d+ unchanged\n$/);
    expect(upToDate(ARGS, CLI, dir).recorded).toEqual({ stdout: forced.stdout, stderr: forced.stderr });
    const direct = cliIn(dir, 'synth', ...ARGS);
    expect(direct.code).toBe(0);
    expect(existsSync(join(out, STATE_FILE))).toBe(false);
    expect(lastLine(run(dir, ...ARGS).stdout)).not.toMatch(UP_TO_DATE);
  }, 120_000);

  test('a failed synth is never skipped; put back, the output it left untouched is up to date again', () => {
    const { dir, first } = project();
    const env = join(dir, 'environments', 'dev.yaml');
    const text = readFileSync(env, 'utf8');
    writeFileSync(env, 'name: dev\nclusters: 5\n');
    const failed = run(dir, ...ARGS);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/nothing written/);
    expect(run(dir, ...ARGS)).toEqual(failed);
    writeFileSync(env, text);
    expect(upToDate(ARGS, CLI, dir).recorded).toEqual({ stdout: first.stdout, stderr: first.stderr });
  }, 120_000);
});
