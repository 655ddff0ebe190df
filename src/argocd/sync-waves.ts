import { IConstruct } from 'constructs';
import { ComponentChart } from '../charts/component-chart';
import { SynthError } from '../synth/types';

function owningChart(c: IConstruct): ComponentChart | undefined {
  for (let s: IConstruct | undefined = c; s; s = s.node.scope) if (ComponentChart.isComponentChart(s)) return s;
  return undefined;
}

/**
 * Sync wave of each component's Application: its depth in the graph of declared chart
 * dependencies (`chart.addDependency(other)`, or a dependency on a construct inside another
 * chart): 0 without dependencies, else one more than the deepest dependency. Linear in
 * charts + edges; a cycle is an error naming it.
 */
export function applicationWaves(charts: readonly ComponentChart[]): Map<ComponentChart, number> {
  const waves = new Map<ComponentChart, number>();
  const visiting = new Set<ComponentChart>();
  const depth = (chart: ComponentChart, path: readonly ComponentChart[]): number => {
    const known = waves.get(chart);
    if (known !== undefined) return known;
    if (visiting.has(chart)) {
      const cycle = [...path.slice(path.indexOf(chart)), chart].map((c) => `${c.target}/${c.component}`);
      throw new SynthError([`component dependencies form a cycle: ${cycle.join(' -> ')}`]);
    }
    visiting.add(chart);
    let wave = 0;
    for (const dep of chart.node.dependencies) {
      const other = owningChart(dep);
      if (other && other !== chart) wave = Math.max(wave, depth(other, [...path, chart]) + 1);
    }
    visiting.delete(chart);
    waves.set(chart, wave);
    return wave;
  };
  for (const c of charts) depth(c, []);
  return waves;
}
