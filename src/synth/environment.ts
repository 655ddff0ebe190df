import { checkConsistency } from '../argocd/consistency';
import { nestedFolders, synthArgoCd } from '../argocd/synth';
import { EnvironmentApp } from '../charts/environment-app';
import { EnvironmentConfig } from '../config';
import { manifestFileName, renderFiles } from './files';
import { ComponentManifests, Manifest, SynthError, synthesize } from './manifests';
import { collectPolicyExceptions } from './policy-exceptions';
import type { PolicyException } from '../validate/exceptions';

export interface TargetSummary {
  readonly target: string;
  readonly components: number;
  readonly objects: number;
}

export interface EnvironmentOutput {
  readonly name: string;
  /** Paths relative to dist/, starting with `<env>/`. */
  readonly files: ReadonlyMap<string, string>;
  readonly components: readonly ComponentManifests[];
  /** The app-of-apps: paths relative to argocd/, starting with `<env>/`. */
  readonly argocdFiles: ReadonlyMap<string, string>;
  /** Child Applications in argocd/<env>/apps/. */
  readonly applications: number;
  readonly targets: readonly TargetSummary[];
  readonly warnings: readonly string[];
  /** Waivers the constructs declared for their own objects (see lib/policy-exceptions.ts). */
  readonly exceptions: readonly PolicyException[];
}

/** Builds, validates and renders one environment, in memory. */
export function synthEnvironment(config: EnvironmentConfig): EnvironmentOutput {
  const { components, warnings, exceptions, argocd } = buildEnvironment(config);
  // The construct trees are gone here: at a thousand clusters they are the largest part of the heap.
  const targets = new Map<string, { components: number; objects: number }>();
  for (const c of components) {
    const t = targets.get(c.target) ?? { components: 0, objects: 0 };
    t.components += 1;
    t.objects += c.objects.length;
    targets.set(c.target, t);
  }
  const files = renderFiles(config.name, components);
  // The same check `npm test` runs on the committed trees, here on the objects before any write.
  const problems = checkConsistency(distObjects(config.name, components), new Map([...argocd.objects].map(([p, o]) => [`argocd/${p}`, o])));
  if (problems.length > 0) throw new SynthError(problems);
  return {
    name: config.name,
    files,
    components,
    argocdFiles: argocd.files,
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
