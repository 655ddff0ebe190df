import { ApiObject, Testing } from 'cdk8s';
import { TektonConfig, crdKeyToProperty } from '../../src/constructs/tekton-config';
import tektonConfigCrd from '../../imports/schemas/tekton-config.json';
import { only, testChart } from '../helpers';

describe('TektonConfig', () => {
  test('defaults: named config, phase-1 pruner, PaC on, chains on', () => {
    const chart = testChart();
    new TektonConfig(chart, 'tc');
    const tc = only(Testing.synth(chart), 'TektonConfig');
    expect(tc.apiVersion).toBe('operator.tekton.dev/v1alpha1');
    expect(tc.metadata.name).toBe('config');
    expect(tc.metadata.namespace).toBeUndefined();
    expect(tc.spec.profile).toBe('all');
    expect(tc.spec.targetNamespace).toBe('openshift-pipelines');
    expect(tc.spec.pruner).toEqual({ disabled: false, resources: ['taskrun'], keep: 10, schedule: '0 * * * *' });
    expect(tc.spec.chain).toEqual({ disabled: false });
    expect(tc.spec.platforms).toEqual({ openshift: { pipelinesAsCode: { enable: true } } });
  });

  test('Argo CD: skip dry run while the CRD is missing, never prune, wave after the Subscription', () => {
    const chart = testChart();
    new TektonConfig(chart, 'tc');
    const tc = only(Testing.synth(chart), 'TektonConfig');
    expect(tc.metadata.annotations['argocd.argoproj.io/sync-options']).toBe('SkipDryRunOnMissingResource=true,Prune=false,Delete=false');
    expect(Number(tc.metadata.annotations['argocd.argoproj.io/sync-wave'])).toBeGreaterThan(0);
  });

  test('pipeline flags and chain settings keep their CRD keys', () => {
    const chart = testChart();
    new TektonConfig(chart, 'tc', {
      pipeline: { 'enable-api-fields': 'beta', 'enable-tekton-oci-bundles': true, 'metrics.pipelinerun.duration-type': 'histogram', 'default-timeout-minutes': 60 },
      chain: { settings: { 'artifacts.oci.storage': 'oci', 'transparency.enabled': 'false' } },
      params: [{ name: 'createRbacResource', value: 'false' }],
      pipelinesAsCode: { enable: false, settings: { 'application-name': 'Pipeline Service' } },
    });
    const tc = only(Testing.synth(chart), 'TektonConfig');
    expect(tc.spec.pipeline).toEqual({
      'enable-api-fields': 'beta',
      'enable-tekton-oci-bundles': true,
      'metrics.pipelinerun.duration-type': 'histogram',
      'default-timeout-minutes': 60,
    });
    expect(tc.spec.chain).toEqual({ disabled: false, 'artifacts.oci.storage': 'oci', 'transparency.enabled': 'false' });
    expect(tc.spec.params).toEqual([{ name: 'createRbacResource', value: 'false' }]);
    expect(tc.spec.platforms.openshift.pipelinesAsCode).toEqual({ enable: false, settings: { 'application-name': 'Pipeline Service' } });
  });

  test('every scalar pipeline and chain key of the CRD survives the generated class', () => {
    const spec = (tektonConfigCrd.versions.v1alpha1 as any).properties.spec.properties;
    for (const block of ['pipeline', 'chain'] as const) {
      const keys = Object.entries<any>(spec[block].properties)
        .filter(([k, p]) => ['string', 'boolean', 'integer'].includes(p.type) && k !== 'disabled')
        .map(([k]) => k);
      expect(keys.length).toBeGreaterThan(10);
      const settings = Object.fromEntries(keys.map((k) => [k, 'x']));
      const chart = testChart();
      new TektonConfig(chart, 'tc', block === 'pipeline' ? { pipeline: settings } : { chain: { settings } });
      const out = only(Testing.synth(chart), 'TektonConfig').spec[block];
      for (const k of keys) expect([k, out[k]]).toEqual([k, 'x']);
    }
  });

  test('keepSince replaces keep', () => {
    const chart = testChart();
    new TektonConfig(chart, 'tc', { pruner: { keepSinceMinutes: 120, schedule: '@daily' } });
    const pruner = only(Testing.synth(chart), 'TektonConfig').spec.pruner;
    expect(pruner).toEqual({ disabled: false, resources: ['taskrun'], 'keep-since': 120, schedule: '@daily' });
  });

  test('fails if keep and keepSinceMinutes are both set', () => {
    expect(() => new TektonConfig(testChart(), 'tc', { pruner: { keep: 3, keepSinceMinutes: 10 } })).toThrow(
      'tekton config pruner: set either keep or keepSinceMinutes, not both',
    );
  });

  test('crdKeyToProperty follows cdk8s import naming', () => {
    expect(crdKeyToProperty('metrics.pipelinerun.duration-type')).toBe('metricsPipelinerunDurationType');
    expect(crdKeyToProperty('traces.credentialsSecret')).toBe('tracesCredentialsSecret');
  });

  test('the TektonConfig is the Resource child (escape hatch)', () => {
    const tc = new TektonConfig(testChart(), 'tc');
    expect(ApiObject.of(tc)).toBe(tc.resource);
  });
});
