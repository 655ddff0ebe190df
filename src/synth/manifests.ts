import { ApiObject, App, Chart } from 'cdk8s';
import { ComponentChart } from '../charts/component-chart';
import { ExternalReference, externalReferencesOf } from '../lib/external-references';
import { collectWarnings } from '../lib/warnings';
import { checkCrossReferences } from './cross-references';
import { withFastToJson } from './fast-to-json';

export interface Manifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly [key: string]: unknown };
  readonly [key: string]: unknown;
}

export interface ComponentManifests {
  readonly target: string;
  readonly component: string;
  readonly objects: readonly Manifest[];
}

export interface SynthResult {
  readonly components: readonly ComponentManifests[];
  readonly warnings: readonly string[];
}

/** Construct-level validation failed: one line per problem. */
export class SynthError extends Error {
  constructor(public readonly lines: readonly string[]) {
    super(lines.join('\n'));
    this.name = 'SynthError';
  }
}

/**
 * Validates the app once and renders every component chart. cdk8s's own Chart.toJson()
 * re-validates the whole app per chart, which is quadratic in the number of charts.
 */
export function synthesize(app: App): SynthResult {
  const all = app.node.findAll();
  const errors = all.flatMap((c) => c.node.validate().map((e) => `${c.node.path}: ${e}`));
  if (errors.length > 0) throw new SynthError(errors);

  const components: ComponentManifests[] = [];
  const byChart = new Map<Chart, Manifest[]>();
  for (const c of all) {
    if (ComponentChart.isComponentChart(c)) {
      const objects: Manifest[] = [];
      byChart.set(c, objects);
      components.push({ target: c.target, component: c.component, objects });
    }
  }
  const externals = new Map<string, ExternalReference[]>();
  for (const c of all) {
    const declared = externalReferencesOf(c);
    if (declared.length === 0) continue;
    const chart = Chart.of(c);
    if (!ComponentChart.isComponentChart(chart)) throw new SynthError([`${c.node.path}: declares external references outside a component chart`]);
    externals.set(chart.target, [...(externals.get(chart.target) ?? []), ...declared]);
  }
  withFastToJson(() => {
    for (const c of all) {
      if (!(c instanceof ApiObject)) continue;
      const objects = byChart.get(Chart.of(c));
      if (!objects) throw new SynthError([`${c.node.path}: ${c.kind} is not inside a component chart`]);
      objects.push(c.toJson());
    }
  });
  const broken = checkCrossReferences(components, externals);
  if (broken.length > 0) throw new SynthError(broken);
  return { components, warnings: collectWarnings(app) };
}
