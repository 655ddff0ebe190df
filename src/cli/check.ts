import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { readErrorMessage, readRegularFile } from '../lib/bounded-read';
import { EnvironmentApp } from '../charts/environment-app';
import { Destination, ENVIRONMENT_SCHEMA_FILE, environmentJsonSchema, environmentNames, loadEnvironmentByName } from '../config';
import { collectPolicyExceptions } from '../synth/policy-exceptions';
import {
  DeployedObject,
  Finding,
  MAX_MANIFEST_BYTES,
  POLICY_EXCEPTIONS,
  PolicyException,
  checkObjects,
  compareTrees,
  formatFinding,
  parseManifests,
  readTree,
  summaryLine,
} from '../validate';

/** The trees `synth` writes and git holds; a missing one is an empty tree on either side. */
export const OUTPUT_TREES = ['dist', 'argocd'] as const;

export function destinationKey(d: Destination): string {
  return 'server' in d ? `server:${d.server}` : `name:${d.name}`;
}

/** What checking the shipped output needs from the shipped environments' construct trees. */
export interface ShippedEnvironments {
  /** `<env>/<target>` -> Argo CD destination of every target. */
  readonly destinations: Map<string, string>;
  /** The fixed waivers plus the ones the constructs declared for their own objects. */
  readonly exceptions: PolicyException[];
}

/** Builds each shipped environment once (no rendering) for its targets and declared waivers. */
export function shippedEnvironments(): ShippedEnvironments {
  const destinations = new Map<string, string>();
  const exceptions: PolicyException[] = [...POLICY_EXCEPTIONS];
  for (const name of environmentNames()) {
    const app = new EnvironmentApp(loadEnvironmentByName(name));
    for (const t of app.targets) destinations.set(`${name}/${t.name}`, destinationKey(t.destination));
    exceptions.push(...collectPolicyExceptions(app, app.config.name));
  }
  return { destinations, exceptions };
}

/**
 * dist/<env>/<target>/... goes to the target's destination; argocd/ (the app-of-apps) goes to
 * the cluster Argo CD runs on, one per environment folder.
 */
function deployed(objects: ReturnType<typeof parseManifests>['objects'], destinations: Map<string, string>): DeployedObject[] {
  return objects.map((o) => {
    const [tree, env] = o.file.split('/');
    const destination =
      tree === 'dist' && o.target ? (destinations.get(`${env}/${o.target}`) ?? `target:${env}/${o.target}`) : `argocd:${o.file.split('/').length > 2 ? env : ''}`;
    return { ...o, destination };
  });
}

/** `dist/...` and `argocd/...` below `root`; a file that cannot be read is a finding in `unreadable`. */
function treeFiles(root: string, unreadable: Finding[] = []): Map<string, string> {
  const files = new Map<string, string>();
  for (const tree of OUTPUT_TREES) {
    const read = readTree(join(root, tree), (rel, message) => unreadable.push({ check: 'schema', file: `${tree}/${rel}`, message }));
    for (const [p, c] of read) files.set(`${tree}/${p}`, c);
  }
  return files;
}

/** Synthesizes with this same CLI into a temporary folder, so the check sees exactly what `synth` writes. */
function synthFresh(): { dir: string } | { error: string } {
  const dir = mkdtempSync(join(tmpdir(), 'ps-check-'));
  const cli = require.main?.filename ?? process.argv[1];
  const r = spawnSync(process.execPath, [cli, 'synth', '--outdir', dir], { encoding: 'utf8', env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' } });
  if (r.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return { error: `synth failed:\n${r.stderr}` };
  }
  return { dir };
}

/** `dist` or `argocd` (or a folder or file below them), relative to the working folder. */
function inOutputLayout(rel: string): boolean {
  const top = rel.split(sep)[0];
  return (OUTPUT_TREES as readonly string[]).includes(top) && !rel.startsWith('..') && !isAbsolute(rel);
}

/** Reads one PATH (file or folder) into `files`, keyed by working-folder-relative paths with `/`; unreadable files become findings. */
function readPath(p: string, files: Map<string, string>, findings: Finding[]): void {
  const abs = resolve(p);
  const rel = (f: string) => relative(process.cwd(), f).split(sep).join('/');
  const unreadable = (f: string, message: string) => findings.push({ check: 'schema', file: rel(f), message });
  if (statSync(abs, { throwIfNoEntry: false })?.isDirectory()) {
    for (const [f, c] of readTree(abs, (r, m) => unreadable(join(abs, r), m))) files.set(rel(join(abs, f)), c);
  } else {
    try {
      files.set(rel(abs), readRegularFile(abs, MAX_MANIFEST_BYTES));
    } catch (e) {
      unreadable(abs, readErrorMessage(e));
    }
  }
}

/**
 * Given files or folders: check those manifests only, without synth. Paths in this project's
 * layout (`dist/<env>/<target>/<component>/`, `argocd/<env>/`, relative to the working folder)
 * are checked as `npm run check` checks the output: one destination per target (the shipped
 * environments' Argo CD destinations) and the constructs' declared waivers. Any other PATH is
 * one destination, checked without waivers; a note on stderr says so.
 */
function checkPaths(paths: string[]): { objects: number; findings: Finding[] } {
  const layoutFiles = new Map<string, string>();
  const otherFiles = new Map<string, string>();
  const destination = new Map<string, string>();
  const readFindings: Finding[] = [];
  const outside: string[] = [];
  for (const p of paths) {
    const inLayout = inOutputLayout(relative(process.cwd(), resolve(p)));
    const files = inLayout ? layoutFiles : otherFiles;
    const before = new Set(files.keys());
    readPath(p, files, readFindings);
    if (!inLayout) {
      outside.push(p);
      for (const f of files.keys()) if (!before.has(f)) destination.set(f, p);
    }
  }
  if (outside.length > 0) {
    process.stderr.write(`note: ${outside.join(', ')}: outside dist/ and argocd/, so checked without the constructs' waivers, each PATH as one destination\n`);
  }
  const findings: Finding[] = [...readFindings];
  let objects = 0;
  if (layoutFiles.size > 0) {
    const parsed = parseManifests(layoutFiles);
    const shipped = shippedEnvironments();
    const result = checkObjects(deployed(parsed.objects, shipped.destinations), { exceptions: shipped.exceptions });
    objects += result.objects;
    findings.push(...parsed.findings, ...result.findings);
  }
  if (otherFiles.size > 0) {
    const parsed = parseManifests(otherFiles);
    const result = checkObjects(
      parsed.objects.map((o) => ({ ...o, destination: destination.get(o.file)! })),
      { exceptions: [] },
    );
    objects += result.objects;
    findings.push(...parsed.findings, ...result.findings);
  }
  return { objects, findings };
}

/** The committed JSON Schema of environment files, when it is not what the config schema generates (synth rewrites it). */
function staleSchema(): Finding[] {
  let committed: string | undefined;
  try {
    committed = readRegularFile(ENVIRONMENT_SCHEMA_FILE, MAX_MANIFEST_BYTES);
  } catch (e) {
    return [{ check: 'stale', file: ENVIRONMENT_SCHEMA_FILE, message: `${readErrorMessage(e)}: run npm run synth and commit it` }];
  }
  if (committed === environmentJsonSchema()) return [];
  return [{ check: 'stale', file: ENVIRONMENT_SCHEMA_FILE, message: 'differs from what src/config/ generates: run npm run synth and commit it' }];
}

function checkRepository(): { objects: number; findings: Finding[] } {
  const fresh = synthFresh();
  if ('error' in fresh) return { objects: 0, findings: [{ check: 'stale', file: '(synth)', message: fresh.error.trimEnd() }] };
  try {
    const freshFiles = treeFiles(fresh.dir);
    const unreadable: Finding[] = [];
    const stale = compareTrees(treeFiles(process.cwd(), unreadable), freshFiles).filter((f) => !unreadable.some((u) => u.file === f.file));
    const parsed = parseManifests(freshFiles);
    const shipped = shippedEnvironments();
    const result = checkObjects(deployed(parsed.objects, shipped.destinations), { exceptions: shipped.exceptions, reportUnusedExceptions: true });
    return { objects: result.objects, findings: [...unreadable, ...stale, ...staleSchema(), ...parsed.findings, ...result.findings] };
  } finally {
    rmSync(fresh.dir, { recursive: true, force: true });
  }
}

/**
 * `check`: synth into a temporary folder, compare with the committed dist/ and argocd/, then
 * validate every object (schema, policy, duplicates). `check PATH...`: validate those files only.
 */
export function check(argv: string[]): number {
  const { positionals } = parseArgs({ args: argv, options: {}, allowPositionals: true });
  for (const p of positionals) {
    if (!statSync(resolve(p), { throwIfNoEntry: false })) throw new Error(`check: ${p} does not exist`);
  }
  const { objects, findings } = positionals.length > 0 ? checkPaths(positionals) : checkRepository();
  if (findings.length > 0) {
    process.stderr.write(`error: check failed (${findings.length} problem${findings.length === 1 ? '' : 's'}):\n`);
    for (const f of findings) process.stderr.write(`${formatFinding(f)}\n`);
  }
  process.stdout.write(`${summaryLine(objects, findings)}\n`);
  return findings.length > 0 ? 1 : 0;
}
