import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tempDir } from '../temp-dir';

export const ROOT = resolve(__dirname, '../..');
/** The bundled CLI (built by test/global-setup.js), as scripts/run.mjs runs it. */
const CLI = join(ROOT, 'build/cli.js');

export function cli(...args: string[]): CliResult {
  return cliIn(ROOT, ...args);
}

/** The CLI run in `cwd`: it reads the shipped environments from `cwd`/environments/. */
export function cliIn(cwd: string, ...args: string[]): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export { tempDir };

type CliResult = { code: number | null; stdout: string; stderr: string };
let bundle: { main(argv: string[]): Promise<number> } | undefined;

/**
 * The same bundled CLI as `cli`, its `main` called in this process (as scripts/run.mjs calls it):
 * what a command prints, exits with and writes, without a process start each time (node and the
 * bundle: ~0.5 s), in ROOT as `cli` runs. Not for `check` without PATH (it starts a synth
 * process of the CLI it runs in); the bundle as a process has tests of its own (`cli`).
 */
export function cliInProcess(...args: string[]): Promise<CliResult> {
  return cliInProcessAt(ROOT, ...args);
}

/** `cliInProcess` in the working folder `cwd` (as a process started there), for `diff` too. */
export async function cliInProcessAt(cwd: string, ...args: string[]): Promise<CliResult> {
  // check without PATH starts a synth process of the CLI it runs in (require.main): not jest's.
  const inProcess = ['synth', 'config', 'diff'].includes(args[0]) || (args[0] === 'check' && args.length > 1);
  if (!inProcess) throw new Error(`cliInProcess runs synth, config, diff and check PATH..., not ${args.join(' ')}`);
  const home = process.cwd();
  // Paths in messages are relative to the working folder, and diff runs git there.
  process.chdir(cwd);
  try {
    return await runMain(args);
  } finally {
    process.chdir(home);
  }
}

async function runMain(args: string[]): Promise<CliResult> {
  bundle ??= require(CLI) as { main(argv: string[]): Promise<number> };
  const captured = { stdout: '', stderr: '' };
  const listeners = process.stdout.listeners('error');
  const spies = (['stdout', 'stderr'] as const).map((name) =>
    jest.spyOn(process[name], 'write').mockImplementation((chunk: string | Uint8Array) => {
      captured[name] += String(chunk);
      return true;
    }),
  );
  try {
    const code = await bundle.main(args);
    return { code, ...captured };
  } finally {
    for (const spy of spies) spy.mockRestore();
    // main's EPIPE handler, added on each call: one process would add it once.
    for (const l of process.stdout.listeners('error')) if (!listeners.includes(l)) process.stdout.off('error', l as (...a: unknown[]) => void);
  }
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
 * Return (or await) it: it runs the CLI in-process (cliInProcess).
 */
export async function expectRejected(configText: string, expectedLines: readonly (string | RegExp)[]): Promise<void> {
  const out = tempDir();
  mkdirSync(join(out, 'dist/ci/a'), { recursive: true });
  writeFileSync(join(out, 'dist/ci/a/existing.yaml'), 'before');
  const before = readTree(out);
  const path = writeTemp('bad.yaml', configText);
  // In this process: test/cli/synth.test.ts has the same from a process ("unknown key").
  const r = await cliInProcess('synth', '--config', path, '--outdir', out);
  expect(r.code).toBe(1);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines[0]).toBe(`error: ${path}: invalid configuration (${expectedLines.length} problem${expectedLines.length === 1 ? '' : 's'}), nothing written:`);
  expect(lines.slice(1)).toEqual(expectedLines.map((l) => (typeof l === 'string' ? l : expect.stringMatching(l))));
  expect(readTree(out)).toEqual(before);
}
