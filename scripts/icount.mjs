#!/usr/bin/env node
// npm run icount [-- --sizes 10,100 --repo DIR]
// Instructions executed (valgrind's callgrind, all threads) by `node -e 0` and by `npm run synth`'s
// process (scripts/run.mjs, the CLI in it): the shipped environments re-synthesized unchanged, then
// generated environments of N clusters (as in npm run bench). Unlike wall time, which drifts by
// tens of percent on a shared VM, the count repeats to within ~2% (what varies is V8's background
// compiling), so two builds can be compared run against run. It does not see waits (disk, page
// faults), only work. --repo DIR counts another checkout (built first), e.g. an older commit.
// Slow: 100 clusters ~1 min.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { baseConfig, benchEnvironment } from './bench-environment.mjs';
import { CLI_ENV } from './cli-env.mjs';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { sizes: { type: 'string', default: '' }, repo: { type: 'string', default: root } } });
const sizes = values.sizes ? values.sizes.split(',').map(Number) : [];
const repo = resolve(values.repo);
if (spawnSync('valgrind', ['--version'], { stdio: 'ignore' }).status !== 0) {
  console.error('npm run icount: needs valgrind');
  process.exit(2);
}
execFileSync(process.execPath, [join(repo, 'scripts/build.mjs')], { cwd: repo, stdio: 'inherit' });
const work = mkdtempSync(join(tmpdir(), 'ps-icount-'));

/** Instructions of one run, in millions. */
function instructions(args, env = CLI_ENV) {
  const r = spawnSync('valgrind', ['--tool=callgrind', '--callgrind-out-file=/dev/null', '--smc-check=all-non-file', '--trace-children=no', process.execPath, ...args], { cwd: repo, env, encoding: 'utf8', maxBuffer: 1 << 28 });
  const m = /Collected : (\d+)/.exec(r.stderr);
  if (r.status !== 0 || !m) throw new Error(`${args.join(' ')} failed:\n${r.stderr.slice(-2000)}`);
  return Number(m[1]) / 1e6;
}

// As package.json's synth script runs it.
const cli = ['--expose-gc', join(repo, 'scripts/run.mjs'), 'synth'];
const rows = [];
const node = instructions(['-e', '0']);
const out = join(work, 'shipped');
instructions([...cli, '--outdir', out]); // the first run writes the tree; measured: the re-synth
rows.push(['shipped environments', instructions([...cli, '--outdir', out])]);
const base = baseConfig(root);
for (const n of sizes) {
  const file = join(work, `bench-${n}.yaml`);
  writeFileSync(file, benchEnvironment(base, n));
  const dir = join(work, `out-${n}`);
  instructions([...cli, '--config', file, '--outdir', dir]);
  rows.push([`${n} cluster${n === 1 ? '' : 's'}`, instructions([...cli, '--config', file, '--outdir', dir])]);
}
rmSync(work, { recursive: true, force: true });

console.log(`\nnode ${process.version}; ${repo}; millions of instructions (callgrind, all threads); synth re-synthesizing unchanged output`);
console.log(`node -e 0: ${node.toFixed(0)}`);
console.log('| run | instructions (M) | x node -e 0 |');
console.log('|---|---:|---:|');
for (const [label, m] of rows) console.log(`| ${label} | ${m.toFixed(0)} | ${(m / node).toFixed(2)} |`);
