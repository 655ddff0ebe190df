import { ApiObject, App, Chart } from 'cdk8s';
import { ComponentChart } from '../charts/component-chart';
import { ExternalReference, externalReferencesOf } from '../lib/external-references';
import { collectWarnings } from '../lib/warnings';
import { applicationWaves } from '../argocd/sync-waves';
import { checkCrossReferences } from './cross-references';
import { ComponentManifests, Manifest, SynthError } from './types';

// Defined in ./types (no import cycle with the modules that need them); exported here too.
export type { ComponentManifests, Manifest } from './types';
export { SynthError } from './types';

/** A component as synthesized from its chart. */
export interface SynthesizedComponent extends ComponentManifests {
  /** The chart's construct path, for messages. */
  readonly path: string;
  /** Its Application's sync wave: depth in the declared chart dependencies (see sync-waves.ts). */
  readonly wave: number;
  /** Its Application goes last, after every other wave (ComponentChart `terminal`). */
  readonly terminal?: boolean;
}

export interface SynthResult {
  readonly components: readonly SynthesizedComponent[];
  readonly warnings: readonly string[];
}

/**
 * Called with each target's components as soon as they are serialized and cross-checked;
 * returns what to keep of them (for the app-of-apps and the consistency check), so that the
 * full objects of a thousand clusters never have to be in memory at once.
 */
export type TargetHandler = (components: readonly ComponentManifests[]) => readonly ComponentManifests[];

/**
 * Validates the app once and serializes every component chart, target by target. cdk8s's own
 * Chart.toJson() re-validates the whole app per chart, which is quadratic in the number of charts.
 */
export function synthesize(app: App, onTarget: TargetHandler = (c) => c): SynthResult {
  const all = app.node.findAll();
  const errors = all.flatMap((c) => c.node.validate().map((e) => `${c.node.path}: ${e}`));
  if (errors.length > 0) throw new SynthError(errors);

  // target -> chart -> its ApiObjects, in construct order.
  const targets = new Map<string, Map<ComponentChart, ApiObject[]>>();
  const chartOf = new Map<Chart, ApiObject[]>();
  for (const c of all) {
    if (!ComponentChart.isComponentChart(c)) continue;
    const charts = targets.get(c.target) ?? new Map<ComponentChart, ApiObject[]>();
    targets.set(c.target, charts);
    const objects: ApiObject[] = [];
    charts.set(c, objects);
    chartOf.set(c, objects);
  }
  const externals = new Map<string, ExternalReference[]>();
  for (const c of all) {
    const declared = externalReferencesOf(c);
    if (declared.length > 0) {
      const chart = Chart.of(c);
      if (!ComponentChart.isComponentChart(chart)) throw new SynthError([`${c.node.path}: declares external references outside a component chart`]);
      externals.set(chart.target, [...(externals.get(chart.target) ?? []), ...declared]);
    }
    if (!(c instanceof ApiObject)) continue;
    const objects = chartOf.get(Chart.of(c));
    if (!objects) throw new SynthError([`${c.node.path}: ${c.kind} is not inside a component chart`]);
    objects.push(c);
  }

  const waves = applicationWaves([...chartOf.keys()] as ComponentChart[]);
  const components: SynthesizedComponent[] = [];
  const broken: string[] = [];
  for (const [target, charts] of targets) {
    const list = [...charts];
    const rendered = list.map(([chart, objects]) => ({ target, component: chart.component, objects: objects.map((o) => o.toJson() as Manifest) }));
    broken.push(...checkCrossReferences(rendered, new Map([[target, externals.get(target) ?? []]])));
    onTarget(rendered).forEach((c, i) => components.push({ ...c, path: list[i][0].node.path, wave: waves.get(list[i][0]) ?? 0, ...(list[i][0].terminal ? { terminal: true } : {}) }));
  }
  if (broken.length > 0) throw new SynthError(broken);
  return { components, warnings: collectWarnings(app) };
}
