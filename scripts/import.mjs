#!/usr/bin/env node
// Regenerates imports/ from the CRDs named in cdk8s.yaml.
//   npm run import                 fetch each CRD from its upstream URL (needs internet)
//   npm run import -- --from DIR   use a local folder holding the same CRDs (e.g. ../shared/crds)
// Writes imports/<prefix>-<group>.ts (cdk8s import) and imports/schemas/<prefix>.json
// (the CRD's served schemas, used to validate synthesized objects without ../shared).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync, rmSync, renameSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

/** An expected failure: printed as one line, without a stack. */
class ImportError extends Error {}

function fail(msg) {
  throw new ImportError(msg);
}

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const fromIdx = args.indexOf('--from');
const from = fromIdx >= 0 ? resolve(args[fromIdx + 1] ?? '') : undefined;

// Local copies are named "<project>-<version>_<file>": match on the part after the last "_",
// with a "300-" style order prefix dropped.
const tail = (name) => name.slice(name.lastIndexOf('_') + 1).replace(/^\d+-/, '');
// Several copies of one file (two releases' TektonConfig CRDs): keep those whose "<project>-<version>"
// words all occur in the URL (openshift-pipelines-1.23_... for .../openshift-pipelines/operator/release-v1.23.x/...).
const fromUrl = (url) => (f) => f.slice(0, f.indexOf('_')).split('-').every((word) => url.includes(word));
function localFile(url) {
  const want = tail(basename(new URL(url).pathname));
  let files = readdirSync(from).filter((f) => tail(f) === want);
  if (files.length > 1) files = files.filter(fromUrl(url));
  if (files.length !== 1) fail(`${from}: expected one file named *_${want}, found ${files.length}`);
  return join(from, files[0]);
}

/** The download limit per CRD: the largest upstream CRD is about 1 MiB. */
const FETCH_TIMEOUT_MS = 60_000;

async function fetchText(url) {
  let res;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  } catch (e) {
    // undici: TypeError('fetch failed') with the socket's error as its cause.
    const why = e.name === 'TimeoutError' ? `no answer in ${FETCH_TIMEOUT_MS / 1000} s` : (e.cause?.code ?? e.cause?.message ?? e.message);
    fail(`${url}: cannot download (${why}); offline? use \`npm run import -- --from DIR\` with a folder of the same CRDs`);
  }
  if (!res.ok) fail(`${url}: HTTP ${res.status}`);
  return res.text();
}

/** The first line of a failed command's output that says something. */
function firstLine(text) {
  return String(text ?? '').split('\n').map((l) => l.trim()).find((l) => l !== '') ?? 'no output';
}

function readSpecs() {
  let config;
  try {
    config = parse(readFileSync(join(root, 'cdk8s.yaml'), 'utf8'));
  } catch (e) {
    fail(`cdk8s.yaml: ${firstLine(e.message)}`);
  }
  if (!Array.isArray(config?.imports)) fail('cdk8s.yaml: imports must be a list of <prefix>:=<url>');
  return config.imports.map((s) => {
    const [prefix, url] = String(s).split(':=');
    if (!prefix || !url || !URL.canParse(url)) fail(`cdk8s.yaml: imports: ${JSON.stringify(s)} is not <prefix>:=<url>`);
    return { prefix, url };
  });
}

let work;
try {
  if (fromIdx >= 0 && !args[fromIdx + 1]) fail('--from needs a folder');
  if (from && !statSync(from, { throwIfNoEntry: false })?.isDirectory()) fail(`--from ${args[fromIdx + 1]}: no such folder`);
  const specs = readSpecs();
  work = mkdtempSync(join(tmpdir(), 'ps-import-'));
  await importAll(specs, work);
} catch (e) {
  if (!(e instanceof ImportError)) throw e;
  console.error(`import: ${e.message}`);
  process.exitCode = 1;
} finally {
  if (work) rmSync(work, { recursive: true, force: true });
}

/** Imports every CRD into `work`, then replaces imports/ with the result. */
async function importAll(specs, work) {
  const out = join(work, 'imports');
  mkdirSync(join(out, 'schemas'), { recursive: true });
  const cdk8s = join(root, 'node_modules', '.bin', 'cdk8s');
  // Kinds only validated, never constructed (the output patches them): no TypeScript, only the
  // schema of the storage version, without descriptions (the ArgoCD CRD is 860 kB).
  const SCHEMA_ONLY = new Set(['argocd-instance']);
  const stripDescriptions = (v) =>
    Array.isArray(v)
      ? v.map(stripDescriptions)
      : v && typeof v === 'object'
        ? Object.fromEntries(Object.entries(v).filter(([k, x]) => k !== 'description' || typeof x !== 'string').map(([k, x]) => [k, stripDescriptions(x)]))
        : v;

  for (const { prefix, url } of specs) {
    const file = join(work, `${prefix}.yaml`);
    const committed = join(root, 'imports', 'schemas', `${prefix}.json`);
    if (from && SCHEMA_ONLY.has(prefix) && !readdirSync(from).some((f) => tail(f) === tail(basename(new URL(url).pathname))) && existsSync(committed)) {
      // ../shared/crds has no ArgoCD CRD: keep the committed schema rather than fail the whole import.
      writeFileSync(join(out, 'schemas', `${prefix}.json`), readFileSync(committed));
      console.log(`kept ${prefix}: no *_${tail(basename(new URL(url).pathname))} in ${from}, committed schema unchanged`);
      continue;
    }
    writeFileSync(file, from ? readFileSync(localFile(url)) : await fetchText(url));
    if (!SCHEMA_ONLY.has(prefix)) try {
      execFileSync(cdk8s, ['import', '--no-check-upgrade', '--language', 'typescript', '--output', out, `${prefix}:=${file}`], {
        cwd: work,
        stdio: 'pipe',
        env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' },
      });
    } catch (e) {
      fail(`cdk8s import ${prefix} failed: ${firstLine(e.stderr || e.message)}`);
    }
    const crds = parseAllDocuments(readFileSync(file, 'utf8'))
      .map((d) => d.toJSON())
      .filter((d) => d?.kind === 'CustomResourceDefinition');
    if (crds.length !== 1) fail(`${url}: expected one CustomResourceDefinition, found ${crds.length}`);
    const { group, names, scope } = crds[0].spec;
    const versions = SCHEMA_ONLY.has(prefix) ? crds[0].spec.versions.filter((v) => v.storage).map(stripDescriptions) : crds[0].spec.versions;
    const schema = {
      source: url,
      group,
      kind: names.kind,
      plural: names.plural,
      scope,
      versions: Object.fromEntries(versions.filter((v) => v.served).map((v) => [v.name, v.schema?.openAPIV3Schema ?? {}])),
      // What a kcp APIResourceSchema needs beyond the schema itself.
      names: names,
      storageVersion: versions.find((v) => v.storage)?.name,
      versionInfo: Object.fromEntries(
        versions
          .filter((v) => v.served)
          .map((v) => [
            v.name,
            {
              served: v.served,
              storage: v.storage,
              ...(v.subresources ? { subresources: v.subresources } : {}),
              ...(v.additionalPrinterColumns ? { additionalPrinterColumns: v.additionalPrinterColumns } : {}),
            },
          ]),
      ),
    };
    writeFileSync(join(out, 'schemas', `${prefix}.json`), JSON.stringify(schema, null, 1) + '\n');
    console.log(`imported ${prefix}: ${group}/${names.kind} (${Object.keys(schema.versions).join(', ')})`);
  }

  const target = join(root, 'imports');
  if (existsSync(target)) renameSync(target, join(work, 'old-imports'));
  renameSync(out, target);
}
