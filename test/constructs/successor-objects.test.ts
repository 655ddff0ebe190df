import { Testing } from 'cdk8s';
import { CatalogMirrors } from '../../src/constructs/catalog-mirrors';
import { OperatorSubscription } from '../../src/constructs/operator-subscription';
import { PAC_SECRET_KEYS, PAC_SECRET_NAME, PacGitHubAppSecret } from '../../src/constructs/pac-github-app-secret';
import { SYNC_OPTIONS, SYNC_WAVE, SyncWave } from '../../src/lib/argocd';
import { validateSchemas } from '../../src/validate';
import { registry } from '../validate/fixture-helpers';
import { testChart } from '../helpers';

const IMG = `quay.io/example/index@sha256:${'e'.repeat(64)}`;
const schemaProblems = (objects: any[]) => validateSchemas(objects.map((object, i) => ({ file: `o${i}.yaml`, object })), registry);

describe('PacGitHubAppSecret', () => {
  const build = (props: Partial<ConstructorParameters<typeof PacGitHubAppSecret>[2]> = {}) => {
    const chart = testChart();
    new PacGitHubAppSecret(chart, 's', { namespace: 'openshift-pipelines', storeRef: { name: 'vault', kind: 'ClusterSecretStore' }, remoteKey: 'ps/github-app', ...props });
    return Testing.synth(chart);
  };

  test('the Secret PaC reads, in its namespace, each key from a property of one remote key; no value', () => {
    const [es] = build();
    expect(es.apiVersion).toBe('external-secrets.io/v1beta1');
    expect(es.metadata).toMatchObject({ name: 'pipelines-as-code-secret', namespace: 'openshift-pipelines' });
    expect(PAC_SECRET_NAME).toBe('pipelines-as-code-secret');
    expect(es.spec.target).toEqual({ name: PAC_SECRET_NAME, creationPolicy: 'Owner' });
    expect(es.spec.secretStoreRef).toEqual({ name: 'vault', kind: 'ClusterSecretStore' });
    expect(es.spec.refreshInterval).toBe('1h');
    expect(es.spec.data).toEqual([
      { secretKey: 'github-application-id', remoteRef: { key: 'ps/github-app', property: 'github-application-id' } },
      { secretKey: 'github-private-key', remoteRef: { key: 'ps/github-app', property: 'github-private-key' } },
      { secretKey: 'webhook.secret', remoteRef: { key: 'ps/github-app', property: 'webhook.secret' } },
    ]);
    expect(Object.values(PAC_SECRET_KEYS)).toEqual(['github-application-id', 'github-private-key', 'webhook.secret']);
    expect(schemaProblems([es])).toEqual([]);
  });

  test('properties and store from props; after TektonConfig (the operator creates the namespace)', () => {
    const [es] = build({ storeRef: { name: 'ns-store', kind: 'SecretStore' }, properties: { privateKey: 'pem' }, refreshInterval: '15m' });
    expect(es.spec.data.map((d: any) => d.remoteRef.property)).toEqual(['github-application-id', 'pem', 'webhook.secret']);
    expect(es.spec.secretStoreRef.kind).toBe('SecretStore');
    expect(es.spec.refreshInterval).toBe('15m');
    expect(Number(es.metadata.annotations[SYNC_WAVE])).toBe(SyncWave.CONFIGURED);
    expect(SyncWave.CONFIGURED).toBeGreaterThan(SyncWave.CONFIGURE);
    expect(es.metadata.annotations[SYNC_OPTIONS]).toBe('SkipDryRunOnMissingResource=true');
  });
});

describe('CatalogMirrors and the Subscription on a pre-release catalog', () => {
  test('an ImageDigestMirrorSet named like the catalog, in the first wave; valid against the OCP 4.14 CRD', () => {
    const chart = testChart();
    const sub = new OperatorSubscription(chart, 'op', {
      channel: 'pipelines-1.23',
      source: 'osp-nightly',
      catalogSource: {
        name: 'osp-nightly',
        image: IMG,
        displayName: 'OSP nightly',
        publisher: 'Pipeline Service',
        pollInterval: '30m',
        mirrors: [{ source: 'registry.redhat.io/openshift-pipelines', mirrors: ['quay.io/openshift-pipeline'] }, { source: '*.redhat.io', mirrors: ['m.example.com/rh'], mirrorSourcePolicy: 'AllowContactingSource' }],
      },
    });
    expect(sub.mirrors).toBeInstanceOf(CatalogMirrors);
    const objs = Testing.synth(chart);
    const idms = objs.find((o) => o.kind === 'ImageDigestMirrorSet');
    expect(idms.apiVersion).toBe('config.openshift.io/v1');
    expect(idms.metadata.name).toBe('osp-nightly');
    expect(idms.metadata.namespace).toBeUndefined();
    expect(idms.spec.imageDigestMirrors).toEqual([
      { source: 'registry.redhat.io/openshift-pipelines', mirrors: ['quay.io/openshift-pipeline'], mirrorSourcePolicy: 'NeverContactSource' },
      { source: '*.redhat.io', mirrors: ['m.example.com/rh'], mirrorSourcePolicy: 'AllowContactingSource' },
    ]);
    expect(Number(idms.metadata.annotations[SYNC_WAVE])).toBe(SyncWave.FOUNDATION);
    const subscription = objs.find((o) => o.kind === 'Subscription');
    expect(subscription.spec).toMatchObject({ source: 'osp-nightly', sourceNamespace: 'openshift-marketplace' });
    expect(objs.find((o) => o.kind === 'CatalogSource').metadata).toMatchObject({ name: 'osp-nightly', namespace: 'openshift-marketplace' });
    expect(schemaProblems(objs)).toEqual([]);
  });

  test('no mirrors, no ImageDigestMirrorSet', () => {
    const chart = testChart();
    new OperatorSubscription(chart, 'op', { source: 'c', catalogSource: { name: 'c', image: IMG, displayName: 'c', publisher: 'p', pollInterval: '30m' } });
    expect(Testing.synth(chart).filter((o) => o.kind === 'ImageDigestMirrorSet')).toEqual([]);
  });

  test('the CRD pattern: a tagged source is a schema error', () => {
    const chart = testChart();
    new CatalogMirrors(chart, 'm', { name: 'x', mirrors: [{ source: 'registry.redhat.io/x:v1', mirrors: ['quay.io/x'] }] });
    expect(schemaProblems(Testing.synth(chart)).map((f) => f.path)).toEqual(['spec.imageDigestMirrors[0].source']);
  });
});
