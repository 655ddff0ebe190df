import { App } from 'cdk8s';
import type { EnvironmentConfig } from '../config';
import { readsWholeObject } from '../argocd/ignore-differences';
import { ManifestSink, placeFiles } from './files';
import { Manifest, SynthError, SynthesizedComponent, TargetHandler, synthesize } from './manifests';
import { collectPolicyExceptions } from './policy-exceptions';
import type { PolicyException } from '../validate/exceptions';

/** Workload clusters synthesized per construct tree: a thousand clusters' trees never exist at once. */
export const CLUSTER_BATCH = 25;

export function batchCount(config: EnvironmentConfig): number {
  return Math.ceil(config.clusters.length / CLUSTER_BATCH);
}

/** Indexes into `config.clusters` of batch `b`. */
export function batchIndexes(config: EnvironmentConfig, b: number): number[] {
  const start = b * CLUSTER_BATCH;
  return config.clusters.slice(start, start + CLUSTER_BATCH).map((_, j) => start + j);
}

/** What one construct tree (the environment's own charts, or a batch of clusters) gave. */
export interface TreeOutcome {
  readonly components: readonly SynthesizedComponent[];
  readonly warnings: readonly string[];
  /** Waivers declared in the tree. */
  readonly exceptions: readonly PolicyException[];
  /** SynthError lines; the rest is then incomplete. */
  readonly problems: readonly string[];
}

/** Synthesizes one tree; construct-level problems are returned, not thrown, so all are reported. */
export function synthesizeTree(tree: App, env: string, onTarget: TargetHandler): TreeOutcome {
  try {
    const r = synthesize(tree, onTarget);
    return { components: r.components, warnings: r.warnings, exceptions: collectPolicyExceptions(tree, env), problems: [] };
  } catch (e) {
    if (!(e instanceof SynthError)) throw e;
    return { components: [], warnings: [], exceptions: [], problems: e.lines };
  }
}

/**
 * Hands each serialized target's objects to `sink` as files, and keeps of them what the
 * app-of-apps and the consistency check read (or everything, with `keepWhole`).
 */
export function targetHandler(env: string, sink: ManifestSink, keepWhole: boolean): TargetHandler {
  return (rendered) => {
    placeFiles(env, rendered, sink);
    return keepWhole ? rendered : rendered.map((c) => ({ ...c, objects: c.objects.map(argoCdView) }));
  };
}

/** What the app-of-apps and the consistency check read of an object: its identity, or all of it when an ignore rule reads it. */
function argoCdView(obj: Manifest): Manifest {
  if (readsWholeObject(obj)) return obj;
  const { name, namespace } = obj.metadata;
  return { apiVersion: obj.apiVersion, kind: obj.kind, metadata: namespace === undefined ? { name } : { name, namespace } };
}
