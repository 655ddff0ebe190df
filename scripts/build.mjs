#!/usr/bin/env node
// Builds what the CLI runs, unless it is up to date:
// - build/cli.js: the CLI bundled by esbuild (plain `node` on one file starts far faster than ts-node);
// - build/cli.blob: a V8 start-up snapshot of it, which `npm run synth` and `npm run config` run
//   (`node --snapshot-blob build/cli.blob synth`): the modules are already loaded when it starts.
// No type-checking here: that is `npm test` / `npm run build`.
// Run as a script, or `buildIfStale()` from scripts/run.mjs (what `npm run synth` runs).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLI_ENV } from './cli-env.mjs';

const root = resolve(import.meta.dirname, '..');
const out = join(root, 'build');
const stampFile = join(out, 'stamp.json');

// Inputs: sources, generated imports, locked dependencies, this script, the node binary and its
// V8 flags (a snapshot only loads in the node, and under the NODE_OPTIONS, that built it).
function newestInput() {
  let newest = 0;
  const walk = (p) => {
    const st = statSync(p);
    if (st.isDirectory()) for (const e of readdirSync(p)) walk(join(p, e));
    else newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of ['src', 'imports', 'package-lock.json', 'scripts/build.mjs', 'scripts/l1-converters.cjs']) walk(join(root, p));
  return newest;
}

/** Builds build/cli.js and build/cli.blob unless they are up to date; says whether it built. */
export async function buildIfStale() {
  const stamp = JSON.stringify({ node: process.version, execPath: process.execPath, nodeOptions: process.env.NODE_OPTIONS ?? '', inputs: newestInput() });
  if (existsSync(stampFile) && existsSync(join(out, 'cli.blob')) && readFileSync(stampFile, 'utf8') === stamp) return false;
  await build();
  writeFileSync(stampFile, stamp);
  return true;
}

async function build() {
  // Loaded only to build: most runs find the build up to date.
  const { build: bundle } = await import('esbuild');
  const { l1ConvertersPlugin } = (await import('./l1-converters.cjs')).default;
  const common = {
    bundle: true,
    plugins: [l1ConvertersPlugin(root)],
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
    // Loaded from node_modules by `check` only (per-kind validators).
    external: ['kubernetes-models', '@kubernetes-models/*'],
  };
  // The output writer's thread (src/synth/output/worker.ts) is embedded as source text, so that
  // the bundle and the snapshot start it without a file next to them.
  const worker = await bundle({ ...common, entryPoints: [join(root, 'src/synth/output/worker.ts')], write: false, minify: true });
  const define = { PS_OUTPUT_WORKER_SOURCE: JSON.stringify(worker.outputFiles[0].text) };
  await bundle({ ...common, define, entryPoints: [join(root, 'src/cli/main.ts')], outfile: join(out, 'cli.js'), sourcemap: 'linked' });
  // The snapshot keeps the bundle's source (functions compile lazily from it): without whitespace
  // it is 14 -> 9 MB, and starts ~40 ms sooner. Identifiers stay, so messages naming classes do too.
  await bundle({ ...common, define, minifyWhitespace: true, minifySyntax: true, entryPoints: [join(root, 'src/cli/snapshot.ts')], outfile: join(out, 'snapshot.js') });
  // --no-warnings: node flags child_process (loaded, never called, by cdk8s's Helm support) as
  // not verified in snapshots; synth and config never spawn a process.
  execFileSync(process.execPath, ['--no-warnings', '--snapshot-blob', join(out, 'cli.blob'), '--build-snapshot', join(out, 'snapshot.js')], { cwd: out, stdio: 'inherit', env: CLI_ENV });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await buildIfStale();
