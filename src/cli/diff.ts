import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { EnvironmentConfig, loadEnvironmentFile } from '../config';
import { diffTrees } from '../diff/changes';
import { DIFF_ROOTS, blobHasher, defaultRef, readBlobs, requireClone, treeAtRef } from '../diff/git';
import { renderMarkdown, renderText } from '../diff/render';
import { synthArgoCdInstances } from '../argocd/instance';
import { toYaml } from '../synth/files';
import { synthEnvironment } from '../synth/environment';
import { UsageError } from './usage-error';

/** What `diff` prints, and the full rendering `--output` asks for. */
export interface DiffRun {
  readonly stdout: string;
  readonly output?: { readonly file: string; readonly content: string };
}

/**
 * `diff [REF | --ref REF] [--to REF2 | --config FILE] [--format text|markdown] [--output FILE]`:
 * a fresh synth (or the tree at REF2) against dist/ and argocd/ at REF; writes only `--output`.
 */
export function runDiff(argv: string[], shipped: () => readonly EnvironmentConfig[]): DiffRun {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { ref: { type: 'string' }, to: { type: 'string' }, config: { type: 'string' }, format: { type: 'string', default: 'text' }, output: { type: 'string' } },
    allowPositionals: true,
  });
  if (positionals.length > 1) throw new UsageError(`diff takes at most one REF (got ${positionals.join(' ')})`);
  if (positionals.length === 1 && values.ref !== undefined) throw new UsageError(`diff got two refs: ${positionals[0]} and --ref ${values.ref}; give one`);
  if (values.to !== undefined && values.config !== undefined) throw new UsageError('--to compares two commits, --config a synth with a commit: give one of them');
  if (values.format !== 'text' && values.format !== 'markdown') throw new UsageError(`unknown --format "${values.format}": use text or markdown`);
  if (values.output === '') throw new UsageError('--output needs a file name');
  // Config problems first: they need no git.
  const configs = values.config !== undefined ? [loadEnvironmentFile(values.config)] : values.to === undefined ? shipped() : [];
  requireClone();
  const ref = positionals[0] ?? values.ref ?? defaultRef();
  // With --config, only that environment's folders: the others are not this synth's to compare.
  const roots = values.config !== undefined ? DIFF_ROOTS.map((r) => `${r}/${configs[0].name}`) : DIFF_ROOTS;
  const beforeIds = treeAtRef(ref, roots);
  let afterIds: Map<string, string>;
  const synthesized = new Map<string, string>();
  if (values.to !== undefined) afterIds = treeAtRef(values.to, roots);
  else {
    const envs = configs.map(synthEnvironment);
    for (const env of envs) {
      for (const [p, c] of env.files) synthesized.set(`dist/${p}`, c);
      for (const [p, c] of env.argocdFiles) synthesized.set(`argocd/${p}`, c);
    }
    // Settings per Argo CD instance (argocd/_instance/) are shared by environments: only a synth of all compares them.
    if (values.config === undefined) {
      for (const [p, o] of synthArgoCdInstances(envs.map((e) => e.argocdInstance))) synthesized.set(`argocd/${p}`, toYaml(o));
    }
    const hash = blobHasher();
    afterIds = new Map([...synthesized].map(([f, c]) => [f, hash(c)]));
  }
  const { before, after } = trees(beforeIds, afterIds, synthesized);
  const diff = diffTrees(before, after);
  const render = values.format === 'markdown' ? renderMarkdown : renderText;
  return {
    stdout: render(diff, ref),
    output: values.output !== undefined ? { file: values.output, content: render(diff, ref, { full: true }) } : undefined,
  };
}

/**
 * Both sides as file -> text, reading from git only what the diff looks at: files whose blob
 * differs, and argocd/ files (which Application deploys a folder). Other equal files carry their
 * blob id on both sides: equal texts are never parsed.
 */
function trees(beforeIds: ReadonlyMap<string, string>, afterIds: ReadonlyMap<string, string>, synthesized: ReadonlyMap<string, string>) {
  const files = [...new Set([...beforeIds.keys(), ...afterIds.keys()])];
  const same = (f: string) => beforeIds.has(f) && beforeIds.get(f) === afterIds.get(f);
  const needs = (f: string) => !same(f) || f.startsWith('argocd/');
  // An equal blob's text is the synthesized one: only what differs, or was not synthesized, is read.
  const read = new Set<string>();
  for (const f of files.filter(needs)) {
    if (beforeIds.has(f) && !(same(f) && synthesized.has(f))) read.add(beforeIds.get(f)!);
    if (afterIds.has(f) && !synthesized.has(f)) read.add(afterIds.get(f)!);
  }
  const blobs = readBlobs(read);
  const text = (f: string, ids: ReadonlyMap<string, string>, after: boolean) =>
    !needs(f) ? `blob ${ids.get(f)}` : synthesized.has(f) && (after || same(f)) ? synthesized.get(f)! : blobs.get(ids.get(f)!)!;
  const side = (ids: ReadonlyMap<string, string>, after: boolean) => new Map(files.filter((f) => ids.has(f)).map((f) => [f, text(f, ids, after)]));
  return { before: side(beforeIds, false), after: side(afterIds, true) };
}

/** Runs `diff`: prints, and writes `--output` only once everything succeeded. */
export function diffCommand(argv: string[], shipped: () => readonly EnvironmentConfig[]): void {
  const run = runDiff(argv, shipped);
  if (run.output) writeFileSync(run.output.file, run.output.content);
  process.stdout.write(run.stdout);
}
