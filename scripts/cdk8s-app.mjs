#!/usr/bin/env node
// The `app` of cdk8s.yaml, for `npx cdk8s synth`. The cdk8s CLI (cdk8s-cli@2.207.60,
// lib/cli/cmds/synth.js and lib/util.js synthApp) first empties its output folder (cdk8s.yaml's
// `output`, `-o DIR`, or a temporary folder with --stdout), then runs this with CDK8S_OUTDIR set
// to it, and lists (or, with --stdout, prints) the *.yaml files found there. So `output` is a
// scratch folder, build/cdk8s.out, never dist/, and:
// - CDK8S_OUTDIR is build/cdk8s.out (`npx cdk8s synth`): exactly what `npm run synth` does
//   (dist/ and argocd/ from environments/*.yaml; unchanged files untouched), then build/cdk8s.out/manifests.yaml;
// - any other folder (`--stdout`, `-o DIR`): only DIR/manifests.yaml; the repository is left alone.
// manifests.yaml holds every manifest of dist/ and argocd/ as one YAML stream: --stdout prints
// the files it finds all at once, without document separators, so one file keeps it valid.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { CLI, buildIfStale } from './build.mjs';

const root = resolve(import.meta.dirname, '..');
/** cdk8s.yaml's `output` (a test checks they agree). */
export const CDK8S_OUTPUT = 'build/cdk8s.out';

/** Every file below `dir`, as paths relative to `base`, sorted. */
function files(dir, base) {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) (e.isDirectory() ? walk(join(d, e.name)) : out.push(relative(base, join(d, e.name))));
  };
  walk(dir);
  return out.sort();
}

/** dist/ and argocd/ below `from` as one YAML stream: each file (which starts with its own `---`) headed by its name. */
function stream(from) {
  return ['dist', 'argocd']
    .flatMap((tree) => files(join(from, tree), from))
    .map((p) => `# ${p}\n${readFileSync(join(from, p), 'utf8')}`)
    .join('');
}

const outdir = process.env.CDK8S_OUTDIR ? resolve(process.env.CDK8S_OUTDIR) : undefined;
const intoRepository = outdir === undefined || outdir === resolve(root, CDK8S_OUTPUT);
const from = intoRepository ? root : mkdtempSync(join(tmpdir(), 'ps-cdk8s-'));
let code;
try {
  await buildIfStale({ schema: intoRepository });
  // The CLI reads the shipped environments from environments/ in its working folder: this
  // repository's, wherever the cdk8s CLI was started (the output folders above are absolute).
  process.chdir(root);
  const { main } = createRequire(import.meta.url)(CLI);
  code = await main(['synth', '--outdir', from]);
  if (code === 0 && outdir) {
    mkdirSync(outdir, { recursive: true });
    writeFileSync(join(outdir, 'manifests.yaml'), stream(from));
  }
} finally {
  if (!intoRepository) rmSync(from, { recursive: true, force: true });
}
process.exitCode = code;
