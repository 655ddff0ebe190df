#!/usr/bin/env node
// Builds what the CLI runs when one of its inputs changed: build/cli.js, the CLI (src/cli/main.ts)
// bundled by esbuild (plain `node` on one file starts far faster than ts-node). The environments
// are data (environments/*.yaml), read at run time: editing one rebuilds nothing.
// For a synth into the repository (scripts/run.mjs synth without --outdir, scripts/cdk8s-app.mjs) only, then the JSON Schema of
// environment files (schemas/environment.schema.json), from the CLI's zod schema: generated again
// when the CLI was rebuilt or the file changed since (its time is stamped in build/schema.stamp),
// and written only if its text differs; `npm run check` fails while the committed one is stale.
// The stamp lists the files esbuild read (its metafile) and when it was built.
// No type-checking here: that is `npm test` / `npm run build`.
// Run as a script, or `buildIfStale()` from scripts/run.mjs (what `npm run synth` runs).
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const out = join(root, 'build');
/** The bundled CLI (CommonJS; exports `main`). */
export const CLI = join(out, 'cli.js');
/** The committed JSON Schema of environment files (src/config/json-schema.ts ENVIRONMENT_SCHEMA_FILE; a test checks they agree). */
export const SCHEMA_FILE = join(root, 'schemas/environment.schema.json');
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

async function buildCli() {
  const common = { external: ['kubernetes-models', '@kubernetes-models/*'] }; // loaded from node_modules by `check` only
  const { build } = await import('esbuild');
  // The output writer's thread (src/synth/output/worker.ts) is embedded as source text, so that
  // the bundle starts it without a file next to it.
  const worker = await build({ bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning', ...common, entryPoints: [join(root, 'src/synth/output/worker.ts')], write: false, minify: true });
  await buildPart('cli', {
    ...common,
    entryPoints: [join(root, 'src/cli/main.ts')],
    define: { PS_OUTPUT_WORKER_SOURCE: JSON.stringify(worker.outputFiles[0].text) },
    // Less to read and parse at every start (3.5 -> 2.3 MB); identifiers stay, so messages that
    // name classes do too, and build/cli.js.map maps it back.
    minifyWhitespace: true,
    minifySyntax: true,
    sourcemap: 'linked',
  });
}

/** The schema file's modification time when it was last written or found up to date (build/schema.stamp). */
const SCHEMA_STAMP = join(out, 'schema.stamp');
const schemaTime = () => String(statSync(SCHEMA_FILE, { throwIfNoEntry: false })?.mtimeMs ?? 'missing');

/** Writes the JSON Schema the built CLI generates, unless the file already holds it; says whether it wrote. */
function writeSchema() {
  const text = createRequire(import.meta.url)(CLI).environmentJsonSchema();
  let wrote = false;
  if (!existsSync(SCHEMA_FILE) || readFileSync(SCHEMA_FILE, 'utf8') !== text) {
    mkdirSync(dirname(SCHEMA_FILE), { recursive: true });
    writeFileSync(`${SCHEMA_FILE}.tmp`, text);
    renameSync(`${SCHEMA_FILE}.tmp`, SCHEMA_FILE);
    wrote = true;
  }
  writeFileSync(SCHEMA_STAMP, schemaTime());
  return wrote;
}

/** Whether the schema file changed (edited, checked out, removed) since it was last written or checked. */
function schemaStale() {
  try {
    return readFileSync(SCHEMA_STAMP, 'utf8') !== schemaTime();
  } catch {
    return true;
  }
}

/**
 * Builds the CLI if it is stale; with `schema` (a synth into the repository), then the schema if the CLI or the file
 * changed. Says what it wrote. Nothing else rewrites the schema: `check` and the tests see the
 * committed one, so a stale one fails them (in CI too, where build/ starts empty).
 */
export async function buildIfStale({ schema = false } = {}) {
  const built = [];
  if (stale('cli')) {
    await buildCli();
    built.push('cli');
  }
  if (schema && (built.length > 0 || schemaStale()) && writeSchema()) built.push('schema');
  return built;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await buildIfStale();
