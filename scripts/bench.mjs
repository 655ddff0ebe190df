#!/usr/bin/env node
// npm run bench [-- --runs N --sizes 1,10,100,1000]
// Synthesizes generated environments of N workload clusters with the bundled CLI (as `npm run synth`
// runs it, without npm's own start-up) and prints one table: median wall time, peak memory,
// output size, and ratios to `node -e 0` and to `kubectl kustomize` of the 1-cluster output.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parse, stringify } from 'yaml';
import { benchEnvironment, devConfig } from './bench-environment.mjs';
import { CLI_ENV } from './cli-env.mjs';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, sizes: { type: 'string', default: '1,10,100,1000' } } });
const runs = Number(values.runs);
const sizes = values.sizes.split(',').map(Number);
const work = mkdtempSync(join(tmpdir(), 'ps-bench-'));
// Exactly what `npm run synth` runs (after its build step): the CLI's start-up snapshot.
const cli = ['--snapshot-blob', join(root, 'build/cli.blob')];

execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' });

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// `npm run synth` runs the CLI without NODE_EXTRA_CA_CERTS (scripts/cli-env.mjs); `node -e 0` is
// timed both ways.
const extraCaCerts = Boolean(process.env.NODE_EXTRA_CA_CERTS);

/** Wall time (ms) and peak RSS (MiB) of one run of a command. */
function timed(cmd, args, env = process.env) {
  const rss = join(work, 'rss');
  rmSync(rss, { force: true });
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { env: { ...env, BENCH_RUSAGE_FILE: rss }, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${r.stderr}`);
  let mib;
  try {
    mib = Number(readFileSync(rss, 'utf8')) / 1024;
  } catch {
    mib = NaN;
  }
  return { ms, mib };
}

function sizeOf(dir) {
  let bytes = 0;
  let files = 0;
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else {
        bytes += statSync(join(d, e.name)).size;
        files += 1;
      }
    }
  };
  walk(dir);
  return { bytes, files };
}

const base = devConfig(join(root, 'build/cli.blob'));

// The synth process of `npm run synth` itself (shipped environments, without npm's start-up).
const shippedOut = join(work, 'shipped');
// Alternated with `node -e 0`, so that both see the same machine: this VM's speed drifts by tens
// of percent within minutes.
// `node -e 0` as this environment runs it, and without extra CA certificates (as synth runs).
const triples = Array.from({ length: runs }, () => [
  timed(process.execPath, ['-e', '0']).ms,
  timed(process.execPath, ['-e', '0'], CLI_ENV).ms,
  timed(process.execPath, [...cli, 'synth', '--outdir', shippedOut], CLI_ENV).ms,
]);
const baseline = median(triples.map(([b]) => b));
const bare = median(triples.map(([, b]) => b));
const shipped = median(triples.map(([, , s]) => s));
const rows = [];
let kustomizeMs;
let diffRow;

/**
 * `npm run diff` of a channel bump over the `n`-cluster environment: its output committed as a
 * clone's HEAD, the environment file bumped, the diff's process timed as `npm run diff` runs it.
 */
function benchDiff(n, file, out) {
  const git = (...args) => execFileSync('git', args, { cwd: out, stdio: 'pipe', env: { ...process.env, GIT_AUTHOR_NAME: 'bench', GIT_AUTHOR_EMAIL: 'b@e', GIT_COMMITTER_NAME: 'bench', GIT_COMMITTER_EMAIL: 'b@e' } });
  git('init', '-q', '-b', 'main');
  git('add', 'dist', 'argocd');
  git('commit', '-qm', 'bench');
  const bumped = join(work, `bench-${n}-bumped.yaml`);
  const env = parse(readFileSync(file, 'utf8'));
  const from = env.operator.channel;
  env.operator = { ...env.operator, channel: 'pipelines-1.11' };
  writeFileSync(bumped, stringify(env));
  const full = join(work, 'diff-full.md');
  const args = [join(root, 'build/cli.js'), 'diff', 'main', '--config', bumped, '--format', 'markdown', '--output', full];
  const samples = Array.from({ length: Math.min(runs, 3) }, () => {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { cwd: out, env: CLI_ENV, encoding: 'utf8', maxBuffer: 1 << 28 });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0) throw new Error(`diff failed:\n${r.stderr}`);
    return { ms, chars: r.stdout.length, entries: /in (\d[\d,]*) entr/.exec(r.stdout)?.[1] ?? '?' };
  });
  return { n, from, ms: median(samples.map((x) => x.ms)), chars: samples[0].chars, entries: samples[0].entries, fullChars: readFileSync(full, 'utf8').length };
}
for (const n of sizes) {
  const file = join(work, `bench-${n}.yaml`);
  writeFileSync(file, benchEnvironment(base, n));
  const out = join(work, `out-${n}`);
  const samples = Array.from({ length: runs }, () => timed(process.execPath, [...cli, 'synth', '--config', file, '--outdir', out], CLI_ENV));
  const { bytes, files } = sizeOf(join(out, 'dist'));
  if (n === 1 && spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0) {
    // The workload cluster's own output (kcp workspaces are other destinations, with names of their own).
    const dir = join(out, 'dist', 'bench', 'bench-0000');
    const resources = [];
    const walk = (d) => readdirSync(d, { withFileTypes: true }).forEach((e) => (e.isDirectory() ? walk(join(d, e.name)) : resources.push(relative(dir, join(d, e.name)))));
    walk(dir);
    writeFileSync(join(dir, 'kustomization.yaml'), stringify({ resources: resources.sort() }));
    kustomizeMs = median(Array.from({ length: runs }, () => timed('kubectl', ['kustomize', dir]).ms));
  }
  // The first run writes a new tree; the others re-synthesize unchanged output (the usual case).
  rows.push({ n, first: samples[0].ms, ms: median(samples.slice(1).map((s) => s.ms)), mib: Math.max(...samples.map((s) => s.mib)), files, bytes });
  if (n === Math.max(...sizes)) diffRow = benchDiff(n, file, out);
}

// Hostile config files (issue 14): each must end quickly with exit 1 (the tests assert the exit,
// this table the time). 100,000 labels in one map with one duplicate: parse and the one-pass
// duplicate-key check; /dev/zero: refused before any read.
const labels = Array.from({ length: 100_000 }, (_, i) => `      key-${i}: v\n`).join('');
const hostileHead = 'name: bench\ngit:\n  repoURL: https://github.com/example-org/m.git\nclusters:\n  - name: a\n    destination:\n      name: a\n';
writeFileSync(join(work, 'keys.yaml'), `${hostileHead}    labels:\n${labels}      key-5: again\n`);
const hostile = [
  ['100,000 labels, one duplicate', join(work, 'keys.yaml')],
  ['/dev/zero', '/dev/zero'],
].map(([name, file]) => {
  const samples = Array.from({ length: runs }, () => {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [...cli, 'synth', '--config', file, '--outdir', join(work, 'hostile-out')], { env: CLI_ENV, encoding: 'utf8' });
    return { ms: Number(process.hrtime.bigint() - t0) / 1e6, code: r.status };
  });
  return { name, ms: median(samples.map((x) => x.ms)), codes: [...new Set(samples.map((x) => x.code))].join(',') };
});
rmSync(work, { recursive: true, force: true });

const fmt = (x, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
console.log(`\nmachine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}; ${runs} runs each: the first into an empty folder, the median of the rest re-synthesizing`);
console.log(`node -e 0: ${fmt(baseline)} ms${extraCaCerts ? ` (${fmt(bare)} ms without NODE_EXTRA_CA_CERTS)` : ''}${kustomizeMs ? `; kubectl kustomize (1-cluster output): ${fmt(kustomizeMs)} ms` : '; kubectl not found'}`);
console.log(`npm run synth's process (shipped environments): ${fmt(shipped)} ms = ${fmt(shipped / baseline, 2)}x node -e 0${extraCaCerts ? `, ${fmt(shipped / bare, 2)}x node -e 0 without NODE_EXTRA_CA_CERTS` : ''}\n`);
console.log('| clusters | wall ms | first run ms | peak MiB | files | output KiB | x node -e 0 | x kustomize |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(`| ${r.n} | ${fmt(r.ms)} | ${fmt(r.first)} | ${fmt(r.mib)} | ${r.files} | ${fmt(r.bytes / 1024)} | ${fmt(r.ms / baseline, 1)} | ${kustomizeMs ? fmt(r.ms / kustomizeMs, 1) : 'n/a'} |`);
}
const r100 = rows.find((r) => r.n === 100);
const r1000 = rows.find((r) => r.n === 1000);
if (r100 && r1000) console.log(`\ntime at 1,000 / time at 100: ${fmt(r1000.ms / r100.ms, 1)}x`);
if (diffRow) {
  console.log(`\nnpm run diff -- main --config FILE --format markdown, channel ${diffRow.from} -> pipelines-1.11 at ${diffRow.n.toLocaleString('en-US')} clusters: ${fmt(diffRow.ms)} ms, ${diffRow.entries} entr${diffRow.entries === '1' ? 'y' : 'ies'}, comment ${diffRow.chars.toLocaleString('en-US')} characters (budget 59,000), full output (--output) ${diffRow.fullChars.toLocaleString('en-US')} characters`);
}
console.log('\n| hostile config | exit | wall ms |');
console.log('|---|---:|---:|');
for (const h of hostile) console.log(`| ${h.name} | ${h.codes} | ${fmt(h.ms)} |`);
