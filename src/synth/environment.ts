import { checkConsistency } from '../argocd/consistency';
import { nestedFolders, synthArgoCd } from '../argocd/synth';
import { EnvironmentApp } from '../charts/environment-app';
import { EnvironmentConfig } from '../config';
import { FileSink, manifestFileName, renderFiles } from './files';
import { ComponentManifests, Manifest, SynthError, synthesize } from './manifests';
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
  readonly components: readonly ComponentManifests[];
  /** The app-of-apps: paths relative to argocd/, starting with `<env>/`. */
  readonly argocdFiles: ReadonlyMap<string, string>;
}

/** Where an environment's files go as they are rendered. */
export interface EnvironmentSinks {
  readonly dist: FileSink;
  readonly argocd: FileSink;
}

/** Builds, validates and renders one environment, in memory. */
export function synthEnvironment(config: EnvironmentConfig): EnvironmentOutput {
  const files = new Map<string, string>();
  const argocdFiles = new Map<string, string>();
  let components: readonly ComponentManifests[] = [];
  const summary = synthEnvironmentTo(config, { dist: (p, c) => files.set(p, c), argocd: (p, c) => argocdFiles.set(p, c) }, (c) => (components = c));
  return { ...summary, files, components, argocdFiles };
}

/**
 * Builds, validates and renders one environment into `sinks`, file by file, so that the caller
 * can write while the rest renders. A SynthError may come after files went to the sinks: the
 * caller commits them only once this returns.
 */
export function synthEnvironmentTo(config: EnvironmentConfig, sinks: EnvironmentSinks, keep?: (components: readonly ComponentManifests[]) => void): EnvironmentSummary {
  const { components, warnings, exceptions, argocd } = buildEnvironment(config);
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
  renderFiles(config.name, components, sinks.dist);
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

/** Everything that needs the construct tree, so that the tree can be collected once it returns. */
function buildEnvironment(config: EnvironmentConfig) {
  const app = new EnvironmentApp(config);
  const { components, warnings } = synthesize(app);
  const exceptions = collectPolicyExceptions(app, config.name);
  const argocd = synthArgoCd({ config, environment: app, components, nestedFolders: nestedFolders([...distObjects(config.name, components).keys()].map((p) => p.slice('dist/'.length))) });
  return { components, warnings, exceptions, argocd };
}

/** `dist/<env>/<target>/<component>/<file>` -> object. */
function distObjects(env: string, components: readonly ComponentManifests[]): Map<string, Manifest> {
  const out = new Map<string, Manifest>();
  for (const c of components) for (const o of c.objects) out.set(`dist/${env}/${c.target}/${c.component}/${manifestFileName(o)}`, o);
  return out;
}
