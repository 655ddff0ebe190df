#!/usr/bin/env node
// Builds what the CLI runs, each part only when one of its inputs changed:
// - build/cli.js: the CLI (src/cli/main.ts) bundled by esbuild (plain `node` on one file starts far
//   faster than ts-node), without the shipped environments;
// - build/environments.js: the shipped environments (src/environments/), bundled apart, so that
//   editing one rebuilds this small file (~0.1 s), not the CLI (~1 s). The CLI loads it at run
//   time (src/cli/built-environments.ts).
// Each part has a stamp: the files esbuild read for it (its metafile), and when it was built.
// No type-checking here: that is `npm test` / `npm run build`.
// Run as a script, or `buildIfStale()` from scripts/run.mjs (what `npm run synth` runs).
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const out = join(root, 'build');
/** The bundled CLI (CommonJS; exports `main`). */
export const CLI = join(out, 'cli.js');
const ENVIRONMENTS_DIR = join(root, 'src/environments');
const CONFIG_DIR = join(root, 'src/config');
/** How build/environments.js names src/config, which the CLI supplies (its own copy). */
const CONFIG_MODULE = '#config';
// Inputs of every part besides the files esbuild reads: how it is built, and the installed packages.
const ALWAYS = ['scripts/build.mjs', 'package-lock.json'];

/** Whether `part` (its output and stamp) is missing or older than one of its inputs. */
function stale(part) {
  const stampFile = join(out, `${part}.stamp.json`);
  if (!existsSync(join(out, `${part}.js`)) || !existsSync(stampFile)) return true;
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(stampFile, 'utf8'));
  } catch {
    return true;
  }
  if (stamp.node !== process.version) return true;
  for (const input of [...ALWAYS, ...stamp.inputs]) {
    try {
      if (statSync(join(root, input)).mtimeMs > stamp.builtAt) return true;
    } catch {
      return true; // an input was removed or renamed
    }
  }
  return false;
}

/** Builds one part with esbuild, then writes its stamp (inputs as esbuild reports them). */
async function buildPart(part, options) {
  const builtAt = Date.now();
  const { build } = await import('esbuild'); // loaded only to build: most runs find the build up to date
  mkdirSync(out, { recursive: true });
  const result = await build({
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
    metafile: true,
    ...options,
    outfile: join(out, `${part}.js`),
    write: false,
  });
  // Each file whole or not at all: a run that starts meanwhile reads the previous one.
  for (const f of result.outputFiles) {
    writeFileSync(`${f.path}.tmp`, f.contents);
    renameSync(`${f.path}.tmp`, f.path);
  }
  const inputs = Object.keys(result.metafile.inputs).map((p) => relative(root, resolve(root, p)));
  writeFileSync(join(out, `${part}.stamp.json`), JSON.stringify({ node: process.version, builtAt, inputs }));
}

/** Resolves an import of the shipped environments (from outside them) or of src/config, as resolved by esbuild. */
function redirect(name, filterDir, target) {
  return {
    name,
    setup(build) {
      build.onResolve({ filter: /^\./ }, (args) => {
        const path = resolve(args.resolveDir, args.path);
        if (path !== filterDir && path !== join(filterDir, 'index') && path !== join(filterDir, 'index.ts')) return undefined;
        return target(args);
      });
    },
  };
}

async function buildCli() {
  const common = { external: ['kubernetes-models', '@kubernetes-models/*'] }; // loaded from node_modules by `check` only
  const { build } = await import('esbuild');
  // The output writer's thread (src/synth/output/worker.ts) is embedded as source text, so that
  // the bundle starts it without a file next to it.
  const worker = await build({ bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning', ...common, entryPoints: [join(root, 'src/synth/output/worker.ts')], write: false, minify: true });
  // The shipped environments come from build/environments.js, at run time.
  const environments = redirect('shipped-environments', ENVIRONMENTS_DIR, (args) =>
    resolve(args.resolveDir).startsWith(ENVIRONMENTS_DIR) ? undefined : { path: join(root, 'src/cli/built-environments.ts') },
  );
  await buildPart('cli', {
    ...common,
    entryPoints: [join(root, 'src/cli/main.ts')],
    define: { PS_OUTPUT_WORKER_SOURCE: JSON.stringify(worker.outputFiles[0].text), PS_CONFIG_MODULE: JSON.stringify(CONFIG_MODULE) },
    plugins: [environments],
    // Less to read and parse at every start (3.5 -> 2.3 MB); identifiers stay, so messages that
    // name classes do too, and build/cli.js.map maps it back.
    minifyWhitespace: true,
    minifySyntax: true,
    sourcemap: 'linked',
  });
}

async function buildEnvironments() {
  // src/config is the CLI's: the values the environments import from it (placeholders) are the
  // same objects, and the file stays small.
  const config = redirect('config-of-the-cli', CONFIG_DIR, () => ({ path: CONFIG_MODULE, external: true }));
  await buildPart('environments', { entryPoints: [join(ENVIRONMENTS_DIR, 'index.ts')], plugins: [config], packages: 'external' });
}

/** Builds the parts that are stale; says which it built. */
export async function buildIfStale() {
  const built = [];
  if (stale('cli')) {
    await buildCli();
    built.push('cli');
  }
  if (stale('environments')) {
    await buildEnvironments();
    built.push('environments');
  }
  return built;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await buildIfStale();
