import { EnvironmentApp } from '../charts/environment-app';
import { EnvironmentConfig } from '../config';
import { renderFiles } from './files';
import { ComponentManifests, synthesize } from './manifests';
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
  readonly targets: readonly TargetSummary[];
  readonly warnings: readonly string[];
  /** Waivers the constructs declared for their own objects (see lib/policy-exceptions.ts). */
  readonly exceptions: readonly PolicyException[];
}

/** Builds, validates and renders one environment, in memory. */
export function synthEnvironment(config: EnvironmentConfig): EnvironmentOutput {
  const app = new EnvironmentApp(config);
  const { components, warnings } = synthesize(app);
  const exceptions = collectPolicyExceptions(app, config.name);
  const targets = new Map<string, { components: number; objects: number }>();
  for (const c of components) {
    const t = targets.get(c.target) ?? { components: 0, objects: 0 };
    t.components += 1;
    t.objects += c.objects.length;
    targets.set(c.target, t);
  }
  return {
    name: config.name,
    files: renderFiles(config.name, components),
    components,
    targets: [...targets].map(([target, t]) => ({ target, ...t })),
    warnings,
    exceptions,
  };
}
