import { App } from 'cdk8s';
import { checkConsistency } from '../argocd/consistency';
import { readsWholeObject } from '../argocd/ignore-differences';
import { nestedFolders, synthArgoCd } from '../argocd/synth';
import { EnvironmentApp } from '../charts/environment-app';
import { EnvironmentConfig } from '../config';
import { FileSink, ManifestSink, manifestFileName, placeFiles, toYaml } from './files';
import { ComponentManifests, Manifest, SynthError, SynthesizedComponent, TargetHandler, synthesize } from './manifests';
import { HeapBudget } from '../lib/heap';
import { collectPolicyExceptions } from './policy-exceptions';
import type { PolicyException } from '../validate/exceptions';

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
  /** Child Applications in argocd/<env>/apps/. */
  readonly applications: number;
  readonly targets: readonly TargetSummary[];
  readonly warnings: readonly string[];
  /** Waivers the constructs declared for their own objects (see lib/policy-exceptions.ts). */
  readonly exceptions: readonly PolicyException[];
}

export interface EnvironmentOutput extends EnvironmentSummary {
  /** Paths relative to dist/, starting with `<env>/`. */
  readonly files: ReadonlyMap<string, string>;
  readonly components: readonly SynthesizedComponent[];
  /** The app-of-apps: paths relative to argocd/, starting with `<env>/`. */
  readonly argocdFiles: ReadonlyMap<string, string>;
}

/** Where an environment's files go: dist/ as objects (rendered by the writer), argocd/ rendered. */
export interface EnvironmentSinks {
  readonly dist: ManifestSink;
  readonly argocd: FileSink;
}

/** Builds, validates and renders one environment, in memory. */
export function synthEnvironment(config: EnvironmentConfig): EnvironmentOutput {
  const files = new Map<string, string>();
  const argocdFiles = new Map<string, string>();
  let components: readonly SynthesizedComponent[] = [];
  const summary = synthEnvironmentTo(config, { dist: (p, o) => files.set(p, toYaml(o)), argocd: (p, c) => argocdFiles.set(p, c) }, (c) => (components = c));
  return { ...summary, files, components, argocdFiles };
}

/**
 * Builds, validates and renders one environment into `sinks`, file by file, so that the caller
 * can write while the rest renders. A SynthError may come after files went to the sinks: the
 * caller commits them only once this returns.
 */
export function synthEnvironmentTo(config: EnvironmentConfig, sinks: EnvironmentSinks, keep?: (components: readonly SynthesizedComponent[]) => void): EnvironmentSummary {
  // Each target's files go to the sink as soon as it is serialized. Unless the caller keeps the
  // components, only what the app-of-apps and the consistency check read of them is kept.
  const { components, warnings, exceptions, argocd } = buildEnvironment(config, (rendered) => {
    placeFiles(config.name, rendered, sinks.dist);
    return keep ? rendered : rendered.map((c) => ({ ...c, objects: c.objects.map(argoCdView) }));
  });
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
  for (const [p, c] of argocd.files) sinks.argocd(p, c);
  // The same check `npm test` runs on the committed trees, here on the objects.
  const problems = checkConsistency(distObjects(config.name, components), new Map([...argocd.objects].map(([p, o]) => [`argocd/${p}`, o])));
  if (problems.length > 0) throw new SynthError(problems);
  keep?.(components);
  return {
    name: config.name,
    fileCount,
    argocdFileCount: argocd.files.size,
    applications: argocd.applications,
    targets: [...targets].map(([target, t]) => ({ target, ...t })),
    warnings: [...warnings, ...argocd.warnings],
    exceptions,
  };
}

/** Workload clusters synthesized per construct tree: a thousand clusters' trees never exist at once. */
const CLUSTER_BATCH = 25;

/**
 * Everything that needs construct trees: the environment's own charts (kcp workspaces), then the
 * workload clusters in batches, each tree dropped once its targets are serialized and handed to
 * `onTarget`. The output equals one tree of everything (same construct paths and order).
 */
function buildEnvironment(config: EnvironmentConfig, onTarget: TargetHandler) {
  const app = new EnvironmentApp(config, { withClusters: false });
  const components: SynthesizedComponent[] = [];
  const warnings: string[] = [];
  const exceptions: PolicyException[] = [];
  const problems: string[] = [];
  const absorb = (tree: App) => {
    try {
      const r = synthesize(tree, onTarget);
      components.push(...r.components);
      warnings.push(...r.warnings);
      exceptions.push(...collectPolicyExceptions(tree, config.name));
    } catch (e) {
      if (!(e instanceof SynthError)) throw e;
      problems.push(...e.lines);
    }
  };
  absorb(app);
  const heap = new HeapBudget();
  for (let i = 0; i < config.clusters.length; i += CLUSTER_BATCH) {
    const indexes = config.clusters.slice(i, i + CLUSTER_BATCH).map((_, j) => i + j);
    absorb(app.clusterBatch(indexes));
    heap.check();
  }
  if (problems.length > 0) throw new SynthError(problems);
  heap.check();
  const argocd = synthArgoCd({ config, targets: app.targets, components, nestedFolders: nestedFolders([...distObjects(config.name, components).keys()].map((p) => p.slice('dist/'.length))) });
  return { components, warnings, exceptions, argocd };
}

/** What the app-of-apps and the consistency check read of an object: its identity, or all of it when an ignore rule reads it. */
function argoCdView(obj: Manifest): Manifest {
  if (readsWholeObject(obj)) return obj;
  const { name, namespace } = obj.metadata;
  return { apiVersion: obj.apiVersion, kind: obj.kind, metadata: namespace === undefined ? { name } : { name, namespace } };
}

/** `dist/<env>/<target>/<component>/<file>` -> object. */
function distObjects(env: string, components: readonly ComponentManifests[]): Map<string, Manifest> {
  const out = new Map<string, Manifest>();
  for (const c of components) for (const o of c.objects) out.set(`dist/${env}/${c.target}/${c.component}/${manifestFileName(o)}`, o);
  return out;
}
