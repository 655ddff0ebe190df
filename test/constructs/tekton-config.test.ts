import { ApiObject, Testing } from 'cdk8s';
import { TektonConfig } from '../../src/constructs/tekton-config';
import { only, testChart } from '../helpers';

describe('TektonConfig', () => {
  test('defaults: named config, labelled with its train, PaC on; pruner and chain only as given', () => {
    const chart = testChart();
    new TektonConfig(chart, 'tc', { train: 'phase-1' });
    const tc = only(Testing.synth(chart), 'TektonConfig');
    expect(tc.apiVersion).toBe('operator.tekton.dev/v1alpha1');
    expect(tc.metadata.name).toBe('config');
    expect(tc.metadata.labels['pipeline-service.openshift.io/train']).toBe('phase-1');
    expect(tc.metadata.namespace).toBeUndefined();
    expect(tc.spec.profile).toBe('all');
    expect(tc.spec.targetNamespace).toBe('openshift-pipelines');
    expect(tc.spec.pruner).toEqual({});
    expect(tc.spec.chain).toBeUndefined();
    expect(tc.spec.result).toBeUndefined();
    expect(tc.spec.platforms).toEqual({ openshift: { pipelinesAsCode: { enable: true } } });
  });

  test('Argo CD: skip dry run while the CRD is missing, never prune, wave after the Subscription', () => {
    const chart = testChart();
    new TektonConfig(chart, 'tc', { train: 'phase-1' });
    const tc = only(Testing.synth(chart), 'TektonConfig');
    expect(tc.metadata.annotations['argocd.argoproj.io/sync-options']).toBe('SkipDryRunOnMissingResource=true,Prune=false,Delete=false');
    expect(Number(tc.metadata.annotations['argocd.argoproj.io/sync-wave'])).toBeGreaterThan(0);
  });

  test('pipeline flags, chain settings and result keep the operator keys', () => {
    const chart = testChart();
    new TektonConfig(chart, 'tc', {
      train: 'current',
      pipeline: { 'enable-api-fields': 'beta', 'enable-tekton-oci-bundles': true, 'metrics.pipelinerun.duration-type': 'histogram', 'default-timeout-minutes': 60 },
      chain: { disabled: false, settings: { 'artifacts.oci.storage': 'oci', 'transparency.enabled': 'false' } },
      params: [{ name: 'createRbacResource', value: 'false' }],
      pipelinesAsCode: { enable: false, settings: { 'application-name': 'Pipeline Service' } },
      pruner: { disabled: true },
      result: { disabled: true, is_external_db: false },
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
    expect(tc.spec.pruner).toEqual({ disabled: true });
    expect(tc.spec.result).toEqual({ disabled: true, is_external_db: false });
  });

  test('keepSinceMinutes is written as keep-since', () => {
    const chart = testChart();
    new TektonConfig(chart, 'tc', { train: 'phase-1', pruner: { resources: ['taskrun'], keepSinceMinutes: 120, schedule: '@daily' } });
    const pruner = only(Testing.synth(chart), 'TektonConfig').spec.pruner;
    expect(pruner).toEqual({ resources: ['taskrun'], 'keep-since': 120, schedule: '@daily' });
  });

  test('fails if keep and keepSinceMinutes are both set', () => {
    expect(() => new TektonConfig(testChart(), 'tc', { train: 'phase-1', pruner: { keep: 3, keepSinceMinutes: 10 } })).toThrow(
      'tekton config pruner: set either keep or keepSinceMinutes, not both',
    );
  });

  test('the TektonConfig is the Resource child (escape hatch)', () => {
    const tc = new TektonConfig(testChart(), 'tc', { train: 'phase-1' });
    expect(ApiObject.of(tc)).toBe(tc.resource);
  });
});
