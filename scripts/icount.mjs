#!/usr/bin/env node
// npm run icount [-- --sizes 10,100 --build DIR]
// Instructions executed (valgrind's callgrind, all threads) by `node -e 0` and by the synth process
// of `npm run synth`: the shipped environments, then generated environments of N clusters (as in
// npm run bench). Unlike wall time, which drifts by tens of percent on a shared VM, the count
// repeats to within ~2% (what varies is V8's background compiling), so two builds can be compared
// run against run. It does not see waits (disk, page faults), only work.
// V8 checks the CPU features a snapshot was built with, and valgrind's virtual CPU has others: the
// snapshot is built again under valgrind (build/cli.valgrind.blob, ~10 s). Slow: 100 clusters ~1 min.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { benchEnvironment, devConfig } from './bench-environment.mjs';
import { CLI_ENV } from './cli-env.mjs';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { sizes: { type: 'string', default: '' }, build: { type: 'string', default: join(root, 'build') } } });
const sizes = values.sizes ? values.sizes.split(',').map(Number) : [];
const build = resolve(values.build);
if (spawnSync('valgrind', ['--version'], { stdio: 'ignore' }).status !== 0) {
  console.error('npm run icount: needs valgrind');
  process.exit(2);
}
if (build === join(root, 'build')) execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
const blob = join(build, 'cli.valgrind.blob');
execFileSync('valgrind', ['--tool=none', '-q', process.execPath, '--no-warnings', '--snapshot-blob', blob, '--build-snapshot', join(build, 'snapshot.js')], { cwd: build, stdio: 'inherit' });

const work = mkdtempSync(join(tmpdir(), 'ps-icount-'));

/** Instructions of one run, in millions. */
function instructions(args, env = CLI_ENV) {
  const r = spawnSync('valgrind', ['--tool=callgrind', '--callgrind-out-file=/dev/null', '--smc-check=all-non-file', process.execPath, ...args], { env, encoding: 'utf8', maxBuffer: 1 << 28 });
  const m = /Collected : (\d+)/.exec(r.stderr);
  if (r.status !== 0 || !m) throw new Error(`${args.join(' ')} failed:\n${r.stderr.slice(-2000)}`);
  return Number(m[1]) / 1e6;
}

const cli = ['--snapshot-blob', blob];
const base = devConfig(join(build, 'cli.blob'));
const rows = [];
const node = instructions(['-e', '0']);
const inherited = process.env.NODE_EXTRA_CA_CERTS ? instructions(['-e', '0'], process.env) : undefined;
const out = join(work, 'shipped');
instructions([...cli, 'synth', '--outdir', out]); // the first run writes the tree; measured: the re-synth
rows.push(['shipped environments', instructions([...cli, 'synth', '--outdir', out])]);
for (const n of sizes) {
  const file = join(work, `bench-${n}.yaml`);
  writeFileSync(file, benchEnvironment(base, n));
  const dir = join(work, `out-${n}`);
  instructions([...cli, 'synth', '--config', file, '--outdir', dir]);
  rows.push([`${n} cluster${n === 1 ? "" : "s"}`, instructions([...cli, 'synth', '--config', file, '--outdir', dir])]);
}
rmSync(work, { recursive: true, force: true });
if (existsSync(blob)) rmSync(blob);

console.log(`\nnode ${process.version}; millions of instructions (callgrind, all threads); synth re-synthesizing unchanged output`);
console.log(`node -e 0: ${node.toFixed(0)}${inherited ? ` (${inherited.toFixed(0)} with this environment's NODE_EXTRA_CA_CERTS)` : ''}`);
console.log('| run | instructions (M) | x node -e 0 |');
console.log('|---|---:|---:|');
for (const [label, m] of rows) console.log(`| ${label} | ${m.toFixed(0)} | ${(m / node).toFixed(2)} |`);
