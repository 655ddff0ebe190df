import { Testing } from 'cdk8s';
import { ApiBinding } from '../../src/constructs/api-binding';
import { Location } from '../../src/constructs/location';
import { Placement } from '../../src/constructs/placement';
import { only, testChart } from '../helpers';

const COMPUTE = 'root:pipeline-service:compute';
const GATEWAY = 'root:pipeline-service:gateway';

describe('ApiBinding to kcp\'s `kubernetes` export', () => {
  test('allowed from a consumer workspace: names the compute path and the export', () => {
    const chart = testChart();
    const b = new ApiBinding(chart, 'B', { name: 'compute', exportPath: COMPUTE, exportName: 'kubernetes', workspacePath: GATEWAY });
    expect(b.name).toBe('compute');
    const obj = only(Testing.synth(chart), 'APIBinding');
    expect(obj.apiVersion).toBe('apis.kcp.io/v1alpha1');
    expect(obj.metadata.name).toBe('compute');
    expect(obj.spec).toEqual({ reference: { export: { path: COMPUTE, name: 'kubernetes' } } });
  });

  test('refused inside the compute workspace itself (kcp creates that binding wherever SyncTargets live)', () => {
    expect(() => new ApiBinding(testChart(), 'B', { exportPath: COMPUTE, exportName: 'kubernetes', workspacePath: COMPUTE })).toThrow(
      'api binding to "kubernetes" declared in its own workspace root:pipeline-service:compute: kcp creates that binding itself wherever SyncTargets live; declare it only in a workspace that consumes root:pipeline-service:compute',
    );
  });

  test('refused when the declaring workspace is not said, or the export path is empty (a local binding)', () => {
    const msg = 'api binding to "kubernetes" needs exportPath and workspacePath';
    expect(() => new ApiBinding(testChart(), 'B', { exportPath: COMPUTE, exportName: 'kubernetes' })).toThrow(msg);
    expect(() => new ApiBinding(testChart(), 'B', { exportPath: '', exportName: 'kubernetes', workspacePath: GATEWAY })).toThrow(msg);
  });

  test('other exports need no declaring workspace (consumer bindings to ours, GLBC)', () => {
    const chart = testChart();
    new ApiBinding(chart, 'B', { exportPath: COMPUTE, exportName: 'pipeline-service' });
    expect(only(Testing.synth(chart), 'APIBinding').metadata.name).toBe('pipeline-service');
  });
});

describe('Location', () => {
  const props = { name: 'pac-gateway', labels: { 'pipeline-service.openshift.io/location': 'pac-gateway' }, instanceSelector: { 'kuadrant.dev/synctarget': 'cluster-b' } };

  test('scheduling.kcp.io/v1alpha1, over synctargets, with its own labels and the instance selector', () => {
    const chart = testChart();
    new Location(chart, 'L', { ...props, description: 'gateway' });
    const loc = only(Testing.synth(chart), 'Location');
    expect(loc.apiVersion).toBe('scheduling.kcp.io/v1alpha1');
    expect(loc.metadata.name).toBe('pac-gateway');
    expect(loc.metadata.labels).toEqual({ 'pipeline-service.openshift.io/location': 'pac-gateway' });
    expect(loc.spec).toEqual({
      resource: { group: 'workload.kcp.io', resource: 'synctargets', version: 'v1alpha1' },
      instanceSelector: { matchLabels: { 'kuadrant.dev/synctarget': 'cluster-b' } },
      description: 'gateway',
    });
  });

  test('never kcp\'s `default`, never without labels or with an empty instance selector', () => {
    expect(() => new Location(testChart(), 'L', { ...props, name: 'default' })).toThrow('location name "default" is kcp\'s own Location');
    expect(() => new Location(testChart(), 'L', { ...props, labels: {} })).toThrow('location "pac-gateway" needs at least one label');
    expect(() => new Location(testChart(), 'L', { ...props, instanceSelector: {} })).toThrow('an empty one selects every SyncTarget');
  });
});

describe('Placement', () => {
  const props = { name: 'pac-gateway', locationWorkspace: COMPUTE, locationSelectors: [{ 'pipeline-service.openshift.io/location': 'pac-gateway' }], namespaceSelector: { 'kubernetes.io/metadata.name': 'pac-gateway' } };

  test('location workspace, synctargets resource, location and namespace selectors; before the workloads', () => {
    const chart = testChart();
    new Placement(chart, 'P', props);
    const p = only(Testing.synth(chart), 'Placement');
    expect(p.apiVersion).toBe('scheduling.kcp.io/v1alpha1');
    expect(p.metadata.name).toBe('pac-gateway');
    expect(p.metadata.annotations['argocd.argoproj.io/sync-wave']).toBe('-2');
    expect(p.spec).toEqual({
      locationWorkspace: COMPUTE,
      locationResource: { group: 'workload.kcp.io', resource: 'synctargets', version: 'v1alpha1' },
      locationSelectors: [{ matchLabels: { 'pipeline-service.openshift.io/location': 'pac-gateway' } }],
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'pac-gateway' } },
    });
  });

  test('refuses "any Location": no selector, or an empty one', () => {
    const msg = 'placement "pac-gateway": every location selector needs at least one label';
    expect(() => new Placement(testChart(), 'P', { ...props, locationSelectors: [] })).toThrow(msg);
    expect(() => new Placement(testChart(), 'P', { ...props, locationSelectors: [{}] })).toThrow(msg);
  });
});
