import { ApiObject, Testing } from 'cdk8s';
import { OperatorSubscription } from '../../src/constructs/operator-subscription';
import { only, testChart } from '../helpers';

const image = `registry.example.com/pipelines/index@sha256:${'b'.repeat(64)}`;

describe('OperatorSubscription', () => {
  test('defaults: OpenShift Pipelines from redhat-operators into openshift-operators', () => {
    const chart = testChart();
    new OperatorSubscription(chart, 'op');
    const manifests = Testing.synth(chart);
    expect(manifests.map((m) => m.kind)).toEqual(['Subscription']);
    const sub = only(manifests, 'Subscription');
    expect(sub.apiVersion).toBe('operators.coreos.com/v1alpha1');
    expect(sub.metadata).toMatchObject({ name: 'openshift-pipelines-operator', namespace: 'openshift-operators' });
    expect(sub.spec).toEqual({
      name: 'openshift-pipelines-operator-rh',
      channel: 'latest',
      source: 'redhat-operators',
      sourceNamespace: 'openshift-marketplace',
      installPlanApproval: 'Automatic',
      config: { env: [{ name: 'AUTOINSTALL_COMPONENTS', value: 'false' }] },
    });
    expect(sub.metadata.annotations['argocd.argoproj.io/sync-wave']).toBe('0');
  });

  test('startingCSV and Manual approval', () => {
    const chart = testChart();
    new OperatorSubscription(chart, 'op', { installPlanApproval: 'Manual', startingCSV: 'openshift-pipelines-operator-rh.v1.10.4', channel: 'pipelines-1.10' });
    const sub = only(Testing.synth(chart), 'Subscription');
    expect(sub.spec.startingCSV).toBe('openshift-pipelines-operator-rh.v1.10.4');
    expect(sub.spec.installPlanApproval).toBe('Manual');
    expect(sub.spec.channel).toBe('pipelines-1.10');
  });

  test('a custom CatalogSource comes first and is the source', () => {
    const chart = testChart();
    const op = new OperatorSubscription(chart, 'op', {
      source: 'nightly',
      catalogSource: { name: 'nightly', image, displayName: 'Nightly', publisher: 'Pipeline Service', pollInterval: '30m' },
    });
    const manifests = Testing.synth(chart);
    const cs = only(manifests, 'CatalogSource');
    expect(cs.metadata).toMatchObject({ name: 'nightly', namespace: 'openshift-marketplace' });
    expect(cs.spec).toMatchObject({ sourceType: 'grpc', image, updateStrategy: { registryPoll: { interval: '30m' } } });
    expect(cs.spec.grpcPodConfig.securityContextConfig).toBe('restricted');
    expect(Number(cs.metadata.annotations['argocd.argoproj.io/sync-wave'])).toBeLessThan(Number(only(manifests, 'Subscription').metadata.annotations['argocd.argoproj.io/sync-wave']));
    expect(only(manifests, 'Subscription').spec.source).toBe('nightly');
    expect(op.catalogSource).toBeDefined();
  });

  test('fails if the source does not name the custom CatalogSource', () => {
    expect(
      () => new OperatorSubscription(testChart(), 'op', { catalogSource: { name: 'nightly', image, displayName: 'N', publisher: 'P', pollInterval: '1h' } }),
    ).toThrow('operator subscription source "redhat-operators" must name the custom CatalogSource "nightly"');
  });

  test('an own namespace gets a Namespace and an AllNamespaces OperatorGroup', () => {
    const chart = testChart();
    new OperatorSubscription(chart, 'op', { namespace: 'pipelines-operator', operatorGroupName: 'pipelines-operator' });
    const manifests = Testing.synth(chart);
    expect(only(manifests, 'Namespace').metadata.name).toBe('pipelines-operator');
    const og = only(manifests, 'OperatorGroup');
    expect(og.metadata).toMatchObject({ name: 'pipelines-operator', namespace: 'pipelines-operator' });
    expect(og.spec).toEqual({ upgradeStrategy: 'Default' });
    expect(only(manifests, 'Subscription').metadata.namespace).toBe('pipelines-operator');
  });

  test('the Subscription is the Resource child (escape hatch)', () => {
    const op = new OperatorSubscription(testChart(), 'op');
    expect(ApiObject.of(op)).toBe(op.subscription);
  });
});
