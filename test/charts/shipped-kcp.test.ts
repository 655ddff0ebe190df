import { EnvironmentApp } from '../../src/charts/environment-app';
import { join } from 'node:path';
import { KCP_OWNED_EXPORT, computeWorkspacePath, environmentNames, kcpConsumerTarget, loadEnvironmentByName, pacCarryingClusters } from '../../src/config';
import { synthesize } from '../../src/synth/manifests';

// Environments without kcp (successor: train current) have none of this wiring.
const DIR = join(__dirname, '../../environments');
const WITH_KCP = environmentNames(DIR)
  .map((name) => [name, loadEnvironmentByName(name, DIR)] as const)
  .filter(([, config]) => config.kcp !== undefined);

test('some shipped environment has kcp (train phase-1)', () => {
  expect(WITH_KCP.length).toBeGreaterThan(0);
});

describe.each(WITH_KCP)('shipped environment %s: the kcp wiring that carries PipelineRuns', (_name, config) => {
  const result = synthesize(new EnvironmentApp(config));
  const objectsOf = (target: string) => result.components.filter((c) => c.target === target).flatMap((c) => c.objects as any[]);

  test('every consumer workspace holds the APIBinding to the compute workspace\'s kubernetes export and a Placement on its Locations', () => {
    const kcp = config.kcp!;
    expect(kcp.consumers.length).toBeGreaterThan(0);
    for (const consumer of kcp.consumers) {
      const objs = objectsOf(kcpConsumerTarget(consumer.name));
      expect(objs.filter((o) => o.kind === 'APIBinding').map((b) => b.spec.reference.export)).toEqual([{ path: computeWorkspacePath(kcp), name: KCP_OWNED_EXPORT }]);
      const placements = objs.filter((o) => o.kind === 'Placement');
      expect(placements).toHaveLength(1);
      expect(placements[0].spec.locationWorkspace).toBe(computeWorkspacePath(kcp));
      expect(placements[0].spec.locationSelectors).toEqual([{ matchLabels: consumer.locationSelector }]);
    }
  });

  test('no APIExport or APIResourceSchema of ours is emitted', () => {
    const all = result.components.flatMap((c) => c.objects as any[]);
    expect(all.filter((o) => o.kind === 'APIResourceSchema' || o.kind === 'APIExport')).toEqual([]);
  });

  test('the OpenShift DNS NetworkPolicy is emitted in every syncer namespace', () => {
    for (const cluster of config.clusters) {
      const syncer = result.components.find((c) => c.target === cluster.name && c.component === 'kcp-syncer')!.objects as any[];
      const ns = syncer.find((o) => o.kind === 'Namespace').metadata.name;
      expect(syncer.filter((o) => o.kind === 'NetworkPolicy').map((o) => `${o.metadata.namespace}/${o.metadata.name}`)).toEqual([`${ns}/kcp-dns-openshift-dns`]);
    }
  });

  test('every PaC-carrying cluster has a gateway backend', () => {
    const carrying = pacCarryingClusters(config);
    expect(carrying.length).toBeGreaterThan(0);
    const cfg = objectsOf(`kcp-${config.pacGateway!.workspace}`).find((o) => o.kind === 'ConfigMap').data['haproxy.cfg'] as string;
    for (const c of carrying) expect(cfg).toContain(`\nbackend pac-${c}\n`);
  });
});
