import { join } from 'node:path';
import { EnvironmentApp } from '../../src/charts/environment-app';
import { loadEnvironmentFile } from '../../src/config';
import { HeapBudget } from '../../src/lib/heap';
import { synthEnvironment, synthEnvironmentTo } from '../../src/synth/environment';
import { toYaml } from '../../src/synth/files';
import { synthesize } from '../../src/synth/manifests';
import { collectPolicyExceptions } from '../../src/synth/policy-exceptions';
import { ROOT } from '../cli/cli-helpers';

// 60 clusters of the scale fixture: three batches (the last one short) beside the environment's own (kcp) charts.
const fixture = loadEnvironmentFile(join(ROOT, 'test/fixtures/scale/100-clusters.yaml'));
const config = { ...fixture, clusters: fixture.clusters.slice(0, 60) };

describe('synthesis in cluster batches', () => {
  const batched = synthEnvironment(config);

  test('gives what one construct tree of everything gives: objects, order, paths, waves, warnings, waivers', () => {
    const app = new EnvironmentApp(config);
    const whole = synthesize(app);
    expect(batched.components).toEqual(whole.components);
    expect(batched.warnings).toEqual(whole.warnings);
    // Waivers carry a `covers` closure per declaration: compared by everything else.
    const data = (list: readonly object[]) => list.map((e) => ({ ...e, covers: typeof (e as { covers?: unknown }).covers }));
    expect(data(batched.exceptions)).toEqual(data(collectPolicyExceptions(app, config.name)));
    expect(batched.exceptions.length).toBe(120);
    expect(batched.components.filter((c) => c.component === 'kcp-syncer').map((c) => c.wave)).toEqual(Array(60).fill(1));
  });

  test('a batch builds its clusters under the same construct paths', () => {
    const batch = new EnvironmentApp(config, { withClusters: false }).clusterBatch([7]);
    expect(batch.node.children.map((c) => c.node.path)).toEqual([config.clusters[7].name]);
  });

  test('streamed with objects reduced to what Argo CD reads: the same files', () => {
    const dist = new Map<string, string>();
    const argocd = new Map<string, string>();
    const summary = synthEnvironmentTo(config, { dist: (p, o) => dist.set(p, typeof o === 'string' ? o : toYaml(o)), argocd: (p, o) => argocd.set(p, typeof o === 'string' ? o : toYaml(o)) });
    expect(dist).toEqual(batched.files);
    expect(argocd).toEqual(batched.argocdFiles);
    expect(summary.fileCount).toBe(batched.files.size);
    expect(summary.warnings).toEqual(batched.warnings);
  });
});

describe('HeapBudget', () => {
  test('collects once the heap grew past the budget, not before, and counts from the heap after it', () => {
    // The heap as the budget reads it: 100 MB at the start, then what the test sets.
    let heap = 100e6;
    const collect = jest.fn(() => {
      heap = 110e6; // what survived the collection
    });
    const budget = new HeapBudget(8e6, collect, () => heap);
    heap = 107.9e6;
    expect(budget.check()).toBe(false);
    heap = 108e6;
    expect(budget.check()).toBe(true);
    expect(collect).toHaveBeenCalledTimes(1);
    // The floor is now 110 MB: 117.9 MB is within the budget, 118 MB is not.
    heap = 117.9e6;
    expect(budget.check()).toBe(false);
    heap = 118e6;
    expect(budget.check()).toBe(true);
    expect(collect).toHaveBeenCalledTimes(2);
  });

  test('below the budget, no collection', () => {
    const collect = jest.fn();
    expect(new HeapBudget(2 ** 40, collect).check()).toBe(false);
    expect(collect).not.toHaveBeenCalled();
  });

  test('without an exposed gc() it never collects (node started without --expose-gc)', () => {
    expect(typeof (globalThis as { gc?: unknown }).gc).toBe('undefined');
    expect(new HeapBudget(0).check()).toBe(false);
  });

  test('npm run synth starts node with --expose-gc, so synth can collect', () => {
    const pkg = require('../../package.json') as { scripts: Record<string, string> };
    expect(pkg.scripts.synth).toMatch(/^node --expose-gc scripts\/run\.mjs synth$/);
  });
});
