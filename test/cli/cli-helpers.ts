import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');
/** The bundled CLI (built by test/global-setup.js), as scripts/run.mjs runs it. */
const CLI = join(ROOT, 'build/cli.js');

export function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  return cliIn(ROOT, ...args);
}

/** The CLI run in `cwd`: it reads the shipped environments from `cwd`/environments/. */
export function cliIn(cwd: string, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const created: string[] = [];
// Every folder tempDir made is removed when the test file is done.
afterAll(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ps-cli-'));
  created.push(dir);
  return dir;
}

/**
 * A working folder with the tests' own environments (test/fixtures/environments: dev, prod,
 * successor) and the committed JSON Schema, synthesized there: what `check` and `diff` tests run
 * on, so that editing a shipped environment changes none of their paths or counts.
 */
export function fixtureProject(...synthArgs: string[]): string {
  const dir = tempDir();
  cpSync(join(ROOT, 'test/fixtures/environments'), join(dir, 'environments'), { recursive: true });
  cpSync(join(ROOT, 'schemas'), join(dir, 'schemas'), { recursive: true });
  const s = cliIn(dir, 'synth', ...synthArgs);
  if (s.code !== 0) throw new Error(`synth of the fixture environments failed:\n${s.stderr}`);
  return dir;
}

export function writeTemp(name: string, content: string): string {
  const file = join(tempDir(), name);
  writeFileSync(file, content);
  return file;
}

/** Relative path -> content of every file below dir. */
export function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(dir)) return out;
  const walk = (d: string, prefix: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name), `${prefix}${e.name}/`);
      else out[`${prefix}${e.name}`] = readFileSync(join(d, e.name), 'utf8');
    }
  };
  walk(dir, '');
  return out;
}

/**
 * `synth --config` of an environment named `ci` must exit 1 with the header and exactly these
 * problem lines (a RegExp matches one), no stack trace, and leave an existing output folder as it was.
 */
export function expectRejected(configText: string, expectedLines: readonly (string | RegExp)[]): void {
  const out = tempDir();
  mkdirSync(join(out, 'dist/ci/a'), { recursive: true });
  writeFileSync(join(out, 'dist/ci/a/existing.yaml'), 'before');
  const before = readTree(out);
  const path = writeTemp('bad.yaml', configText);
  const r = cli('synth', '--config', path, '--outdir', out);
  expect(r.code).toBe(1);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines[0]).toBe(`error: ${path}: invalid configuration (${expectedLines.length} problem${expectedLines.length === 1 ? '' : 's'}), nothing written:`);
  expect(lines.slice(1)).toEqual(expectedLines.map((l) => (typeof l === 'string' ? l : expect.stringMatching(l))));
  expect(readTree(out)).toEqual(before);
}
