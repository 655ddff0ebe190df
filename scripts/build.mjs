#!/usr/bin/env node
// Builds what the CLI runs when one of its inputs changed: build/cli.js, the CLI (src/cli/main.ts)
// bundled by esbuild (plain `node` on one file starts far faster than ts-node). The environments
// are data (environments/*.yaml), read at run time: editing one rebuilds nothing.
// Into the CLI go the TektonConfig spec validators, precompiled (ajv standalone code,
// build/validators.js, generated again when their inputs change). Beside it, build/synth-state.js:
// the no-op check scripts/run.mjs runs before loading the CLI (src/synth/output/synth-state.ts).
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
/** The no-op check of `npm run synth` alone (src/synth/output/synth-state.ts), small: loaded before the CLI. */
export const SYNTH_STATE = join(out, 'synth-state.js');
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

/** Builds one part with esbuild, then writes its stamp (inputs as esbuild reports them, and `extraInputs`). */
async function buildPart(part, options, extraInputs = []) {
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
  const inputs = [...new Set([...Object.keys(result.metafile.inputs), ...extraInputs].map((p) => relative(root, resolve(root, p))))];
  writeFileSync(join(out, `${part}.stamp.json`), JSON.stringify({ node: process.version, builtAt, inputs }));
}

async function buildCli() {
  const common = { external: ['kubernetes-models', '@kubernetes-models/*'] }; // loaded from node_modules by `check` only
  const { build } = await import('esbuild');
  // The output writer's thread (src/synth/output/worker.ts) is embedded as source text, so that
  // the bundle starts it without a file next to it.
  const worker = await build({ bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning', ...common, entryPoints: [join(root, 'src/synth/output/worker.ts')], write: false, minify: true });
  const validators = await precompiledValidators(build);
  await buildPart('cli', {
    ...common,
    entryPoints: [join(root, 'src/cli/main.ts')],
    define: { PS_OUTPUT_WORKER_SOURCE: JSON.stringify(worker.outputFiles[0].text) },
    plugins: [validators.plugin],
    // Less to read and parse at every start (3.5 -> 2.3 MB); identifiers stay, so messages that
    // name classes do too, and build/cli.js.map maps it back.
    minifyWhitespace: true,
    minifySyntax: true,
    sourcemap: 'linked',
  }, validators.inputs);
}

/**
 * The TektonConfig spec validators precompiled (ajv standalone code, src/trains/tekton-config-validators.ts),
 * as an esbuild plugin that loads them in place of src/trains/precompiled-validators.ts, and the
 * files they were generated from (inputs of the CLI's stamp: editing a schema rebuilds them).
 * Generated again only when one of those changed (build/validators.js and its stamp): a source
 * edit elsewhere does not pay the ~0.5 s.
 */
async function precompiledValidators(build) {
  if (stale('validators')) {
    const builtAt = Date.now();
    const generator = await build({ bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning', metafile: true, entryPoints: [join(root, 'src/trains/tekton-config-validators.ts')], outfile: join(out, 'validators-generator.js'), write: false });
    const file = generator.outputFiles[0];
    writeFileSync(file.path, file.contents);
    const require = createRequire(import.meta.url);
    delete require.cache[file.path];
    writeFileSync(join(out, 'validators.js'), require(file.path).precompiledValidatorsCode());
    const inputs = Object.keys(generator.metafile.inputs).map((p) => relative(root, resolve(root, p)));
    writeFileSync(join(out, 'validators.stamp.json'), JSON.stringify({ node: process.version, builtAt, inputs }));
  }
  const code = readFileSync(join(out, 'validators.js'), 'utf8');
  const { inputs } = JSON.parse(readFileSync(join(out, 'validators.stamp.json'), 'utf8'));
  const target = join(root, 'src/trains/precompiled-validators.ts');
  const plugin = {
    name: 'precompiled-validators',
    setup(b) {
      // resolveDir: the generated code requires ajv's run-time helpers (ajv/dist/runtime/*).
      b.onLoad({ filter: /precompiled-validators\.ts$/ }, (args) => (args.path === target ? { contents: code, loader: 'js', resolveDir: root } : undefined));
    },
  };
  return { plugin, inputs };
}

/**
 * The schema file's and the CLI's modification times when the schema was last written or found up
 * to date (build/schema.stamp): a CLI built by anything else (npm test, npm run bundle) since then
 * makes the next synth generate the schema again.
 */
const SCHEMA_STAMP = join(out, 'schema.stamp');
const mtime = (file) => String(statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 'missing');
const schemaTime = () => `${mtime(SCHEMA_FILE)} ${mtime(CLI)}`;

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

/** Whether the schema file changed (edited, checked out, removed) or the CLI was rebuilt since the schema was last written or checked. */
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
  if (stale('synth-state')) {
    await buildPart('synth-state', { entryPoints: [join(root, 'src/synth/output/synth-state.ts')] });
    built.push('synth-state');
  }
  if (stale('cli')) {
    await buildCli();
    built.push('cli');
  }
  if (schema && (built.length > 0 || schemaStale()) && writeSchema()) built.push('schema');
  return built;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await buildIfStale();
