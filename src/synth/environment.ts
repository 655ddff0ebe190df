import { checkConsistency } from '../argocd/consistency';
import type { ArgoCdInstanceContribution } from '../argocd/instance';
import { nestedFolders, synthArgoCd } from '../argocd/synth';
import { EnvironmentApp } from '../charts/environment-app';
import { EnvironmentConfig } from '../config';
import { HeapBudget } from '../lib/heap';
import type { PolicyException } from '../validate/exceptions';
import { TreeOutcome, batchCount, batchIndexes, synthesizeTree, targetHandler } from './batches';
import { OutputSink, manifestFileName, toYaml } from './files';
import { ComponentManifests, Manifest, SynthError, SynthesizedComponent } from './manifests';

export interface TargetSummary {
  readonly target: string;
  readonly components: number;
  readonly objects: number;
}

/** What one environment's synthesis produced, its files aside. */
export interface EnvironmentSummary {
  readonly name: string;
  /** Files under dist/ (`<env>/...`). */
  readonly fileCount: number;
  /** Files under argocd/ (`<env>/...`). */
  readonly argocdFileCount: number;
  /** Child Applications in argocd/<env>/apps/ (ApplicationSet mode: those its ApplicationSets generate). */
  readonly applications: number;
  /** ApplicationSet mode: ApplicationSets in argocd/<env>/apps/, one per component; else 0. */
  readonly applicationSets: number;
  readonly targets: readonly TargetSummary[];
  readonly warnings: readonly string[];
  /** What the environment needs from its Argo CD instance (see argocd/instance.ts). */
  readonly argocdInstance: ArgoCdInstanceContribution;
}

export interface EnvironmentOutput extends EnvironmentSummary {
  /** Waivers the constructs declared for their own objects (see lib/policy-exceptions.ts). */
  readonly exceptions: readonly PolicyException[];
  /** Paths relative to dist/, starting with `<env>/`. */
  readonly files: ReadonlyMap<string, string>;
  readonly components: readonly SynthesizedComponent[];
  /** The app-of-apps: paths relative to argocd/, starting with `<env>/`. */
  readonly argocdFiles: ReadonlyMap<string, string>;
}

/** Where an environment's files go: as objects (rendered by the writer), or rendered already. */
export interface EnvironmentSinks {
  readonly dist: OutputSink;
  readonly argocd: OutputSink;
}

/** Builds, validates and renders one environment, in memory. */
export function synthEnvironment(config: EnvironmentConfig): EnvironmentOutput {
  const files = new Map<string, string>();
  const argocdFiles = new Map<string, string>();
  const into = (map: Map<string, string>): OutputSink => (p, o) => map.set(p, typeof o === 'string' ? o : toYaml(o));
  const { summary, components, exceptions } = synth(config, { dist: into(files), argocd: into(argocdFiles) }, { keepWhole: true });
  return { ...summary, files, components, exceptions, argocdFiles };
}

interface BuildOptions {
  /** Keep the components' objects whole (they are otherwise reduced to what Argo CD reads). */
  readonly keepWhole?: boolean;
}

/**
 * Builds, validates and renders one environment into `sinks`, file by file, so that the caller
 * can write while the rest renders. A SynthError may come after files went to the sinks: the
 * caller commits them only once this returns.
 */
export function synthEnvironmentTo(config: EnvironmentConfig, sinks: EnvironmentSinks): EnvironmentSummary {
  return synth(config, sinks, {}).summary;
}

function synth(config: EnvironmentConfig, sinks: EnvironmentSinks, options: BuildOptions) {
  const { components, dist, warnings, exceptions, argocd } = buildEnvironment(config, sinks.dist, options);
  // The construct trees are gone here: at a thousand clusters they are the largest part of the heap.
  const targets = new Map<string, { components: number; objects: number }>();
  let fileCount = 0;
  for (const c of components) {
    const t = targets.get(c.target) ?? { components: 0, objects: 0 };
    t.components += 1;
    t.objects += c.objects.length;
    fileCount += c.objects.length;
    targets.set(c.target, t);
  }
  for (const [p, o] of argocd.objects) sinks.argocd(p, o);
  for (const [p, text] of argocd.parameterFiles) sinks.argocd(p, text);
  // The same check `npm test` runs on the committed trees, here on the objects.
  const problems = checkConsistency(
    dist,
    new Map([...argocd.objects].map(([p, o]) => [`argocd/${p}`, o])),
    new Map([...argocd.parameterFiles].map(([p, text]) => [`argocd/${p}`, JSON.parse(text) as unknown])),
  );
  if (problems.length > 0) throw new SynthError(problems);
  const summary: EnvironmentSummary = {
    name: config.name,
    fileCount,
    argocdFileCount: argocd.objects.size + argocd.parameterFiles.size,
    applications: argocd.applications,
    applicationSets: argocd.applicationSets,
    targets: [...targets].map(([target, t]) => ({ target, ...t })),
    warnings: [...warnings, ...argocd.warnings],
    argocdInstance: argocd.instance,
  };
  return { summary, components, exceptions };
}

/**
 * Everything that needs construct trees: the environment's own charts (kcp workspaces), then the
 * workload clusters in batches (see batches.ts), each tree dropped once its targets are serialized
 * and their files handed to `sink`. The output equals one tree of everything (same construct
 * paths and order).
 */
function buildEnvironment(config: EnvironmentConfig, sink: OutputSink, options: BuildOptions) {
  const onTarget = targetHandler(config.name, sink, options.keepWhole ?? false);
  const app = new EnvironmentApp(config, { withClusters: false });
  const own = synthesizeTree(app, config.name, onTarget);
  const heap = new HeapBudget();
  const batches: TreeOutcome[] = [];
  for (let b = 0; b < batchCount(config); b++) {
    batches.push(synthesizeTree(app.clusterBatch(batchIndexes(config, b)), config.name, onTarget));
    heap.check();
  }

  const outcomes = [own, ...batches];
  const problems = outcomes.flatMap((o) => o.problems);
  if (problems.length > 0) throw new SynthError(problems);
  const components = outcomes.flatMap((o) => o.components);
  heap.check();
  const dist = distObjects(config.name, components);
  const argocd = synthArgoCd({ config, targets: app.targets, components, nestedFolders: nestedFolders([...dist.keys()].map((p) => p.slice('dist/'.length))) });
  return { components, dist, warnings: outcomes.flatMap((o) => o.warnings), exceptions: outcomes.flatMap((o) => o.exceptions), argocd };
}

/** `dist/<env>/<target>/<component>/<file>` -> object. */
function distObjects(env: string, components: readonly ComponentManifests[]): Map<string, Manifest> {
  const out = new Map<string, Manifest>();
  for (const c of components) for (const o of c.objects) out.set(`dist/${env}/${c.target}/${c.component}/${manifestFileName(o)}`, o);
  return out;
}
