import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The engines Argo CD runs our rules with, as Debian packages (.ci/run installs them): Lua 5.1
 * with lua-cjson for health scripts, gojq for jqPathExpressions. Missing ones fail the test:
 * a rule that was never run is not tested.
 */
function need(cmd: string, args: string[], pkg: string): void {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new Error(`${cmd} is not installed: apt-get install -y ${pkg} (see .ci/run)`);
}

export interface HealthResult {
  readonly status?: string | null;
  readonly message?: string | null;
  readonly error?: string;
}

/** Runs `script` against each object in Argo CD's sandbox (health.lua): one result each. */
export function runHealth(script: string, objects: readonly unknown[]): HealthResult[] {
  need('lua5.1', ['-e', 'require("cjson")'], 'lua5.1 lua-cjson');
  const dir = mkdtempSync(join(tmpdir(), 'ps-lua-'));
  try {
    writeFileSync(join(dir, 'script.lua'), script);
    writeFileSync(join(dir, 'objects.json'), JSON.stringify(objects));
    const r = spawnSync('lua5.1', [join(__dirname, 'health.lua'), join(dir, 'script.lua'), join(dir, 'objects.json')], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`lua5.1 failed: ${r.stderr}`);
    return JSON.parse(r.stdout) as HealthResult[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function gojq(program: string, input: unknown): unknown {
  need('gojq', ['--version'], 'gojq');
  const r = spawnSync('gojq', ['-c', program], { input: JSON.stringify(input), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`gojq failed on ${program}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** The paths a jqPathExpressions entry selects in `obj` (what Argo CD's `del(expr)` removes). */
export function jqPaths(expr: string, obj: unknown): (string | number)[][] {
  return gojq(`[path(${expr})]`, obj) as (string | number)[][];
}

/** The paths of each expression, in one gojq run. */
export function jqPathsEach(exprs: readonly string[], obj: unknown): (string | number)[][][] {
  return exprs.length === 0 ? [] : (gojq(`[${exprs.map((e) => `[path(${e})]`).join(', ')}]`, obj) as (string | number)[][][]);
}

/** What Argo CD compares after normalizing: `del(e1) | del(e2) ...` (argo-cd@v2.9.0:util/argo/normalizers/diff_normalizer.go). */
export function jqDelete(obj: unknown, exprs: readonly string[]): unknown {
  return exprs.length === 0 ? obj : gojq(exprs.map((e) => `del(${e})`).join(' | '), obj);
}
