import { Testing } from 'cdk8s';
import { KcpSyncer, KcpSyncerProps, groupedRules } from '../../src/constructs/kcp-syncer';
import { collectWarnings } from '../../src/lib/warnings';
import { synthesize } from '../../src/synth/manifests';
import { only, testChart } from '../helpers';

const UID = '6d1e3c2a-9b7f-4e58-a0c4-2f8e1b3d5a79';
const IMAGE = `ghcr.io/kcp-dev/kcp/syncer:v0.11.0@sha256:${'a'.repeat(64)}`;
const props = (over: Partial<KcpSyncerProps> = {}): KcpSyncerProps => ({
  syncTargetName: 'prod-workload-1',
  syncTargetUID: UID,
  workspacePath: 'root:pipeline-service:compute',
  image: IMAGE,
  resourcesToSync: ['deployments.apps', 'services', 'pipelineruns.tekton.dev'],
  uidConfigPath: 'clusters[0].kcp.syncTargetUID',
  ...over,
});

function render(over: Partial<KcpSyncerProps> = {}) {
  const chart = testChart();
  const syncer = new KcpSyncer(chart, 'Syncer', props(over));
  return { chart, syncer, manifests: Testing.synth(chart) };
}

describe('KcpSyncer', () => {
  test('every object is named after the plugin syncer id', () => {
    const { manifests, syncer } = render();
    const id = 'kcp-syncer-prod-workload-1-2bdkcae0';
    expect(syncer.id).toBe(id);
    expect(manifests.map((m) => `${m.kind} ${m.metadata.namespace ?? '-'} ${m.metadata.name}`).sort()).toEqual([
      `ClusterRole - ${id}`,
      `ClusterRoleBinding - ${id}`,
      `Deployment ${id} ${id}`,
      `Namespace - ${id}`,
      `Role ${id} kcp-dns-prod-workload-1-2bdkcae0`,
      `RoleBinding ${id} kcp-dns-prod-workload-1-2bdkcae0`,
      `Secret ${id} ${id}-token`,
      `ServiceAccount ${id} ${id}`,
    ]);
    expect(only(manifests, 'Secret')).toMatchObject({ type: 'kubernetes.io/service-account-token', metadata: { annotations: { 'kubernetes.io/service-account.name': id } } });
  });

  test('deployment: every v0.11 argument, 1 replica, Recreate, NAMESPACE from the downward API', () => {
    const { manifests } = render({ qps: 5, burst: 7, dnsImage: IMAGE.replace('syncer:', 'dns:') });
    const d = only(manifests, 'Deployment');
    expect(d.spec.replicas).toBe(1);
    expect(d.spec.strategy).toEqual({ type: 'Recreate' });
    const c = d.spec.template.spec.containers[0];
    expect(c.command).toEqual(['/ko-app/syncer']);
    expect(c.args).toEqual([
      '--from-kubeconfig=/kcp/kubeconfig',
      '--sync-target-name=prod-workload-1',
      `--sync-target-uid=${UID}`,
      '--from-cluster=root:pipeline-service:compute',
      '--api-import-poll-interval=1m',
      '--downstream-namespace-clean-delay=30s',
      '--resources=deployments.apps',
      '--resources=services',
      '--resources=pipelineruns.tekton.dev',
      '--qps=5',
      '--burst=7',
      `--dns-image=${IMAGE.replace('syncer:', 'dns:')}`,
    ]);
    expect(c.env).toEqual([{ name: 'NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } }]);
    expect(c.image).toBe(IMAGE);
  });

  test('restricted security context, requests and limits', () => {
    const c = only(render().manifests, 'Deployment').spec.template.spec.containers[0];
    expect(c.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(c.resources).toEqual({ requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '1', memory: '1Gi' } });
  });

  test('ClusterRole: fixed rules, then * per API group on synced resources plus secrets and configmaps', () => {
    const rules = only(render().manifests, 'ClusterRole').rules;
    expect(rules).toEqual([
      { apiGroups: [''], resources: ['namespaces'], verbs: ['create', 'get', 'list', 'watch', 'delete'] },
      { apiGroups: [''], resources: ['endpoints'], verbs: ['get'] },
      { apiGroups: ['apiextensions.k8s.io'], resources: ['customresourcedefinitions'], verbs: ['get', 'watch', 'list'] },
      { apiGroups: ['networking.k8s.io'], resources: ['networkpolicies'], verbs: ['create', 'list', 'watch'] },
      { apiGroups: [''], resources: ['configmaps', 'secrets', 'services'], verbs: ['*'] },
      { apiGroups: ['apps'], resources: ['deployments'], verbs: ['*'] },
      { apiGroups: ['tekton.dev'], resources: ['pipelineruns'], verbs: ['*'] },
    ]);
    expect(groupedRules(['secrets'])).toEqual([{ apiGroups: [''], resources: ['configmaps', 'secrets'], verbs: ['*'] }]);
  });

  test('DNS Role in the syncer namespace, bound to the syncer ServiceAccount', () => {
    const { manifests, syncer } = render();
    const role = only(manifests, 'Role');
    expect(role.rules.flatMap((r: any) => r.resources).sort()).toEqual(['deployments', 'endpoints', 'rolebindings', 'roles', 'serviceaccounts', 'services']);
    expect(only(manifests, 'RoleBinding')).toMatchObject({
      roleRef: { kind: 'Role', name: role.metadata.name },
      subjects: [{ kind: 'ServiceAccount', name: syncer.id, namespace: syncer.id }],
    });
    expect(only(manifests, 'ClusterRoleBinding').subjects).toEqual([{ kind: 'ServiceAccount', name: syncer.id, namespace: syncer.id }]);
  });

  test('kubeconfig: by default an existing Secret named like the syncer, never inlined', () => {
    const { manifests, syncer } = render();
    const vol = only(manifests, 'Deployment').spec.template.spec.volumes[0];
    expect(vol).toEqual({ name: 'kcp-config', secret: { secretName: syncer.id, optional: false, items: [{ key: 'kubeconfig', path: 'kubeconfig' }] } });
    expect(manifests.filter((m) => m.kind === 'Secret' && m.type !== 'kubernetes.io/service-account-token')).toEqual([]);
    expect(JSON.stringify(manifests)).not.toMatch(/token:|stringData/);
  });

  test('kubeconfig: an existing Secret with another key is mounted under the file name the args use', () => {
    const vol = only(render({ kubeconfig: { secretName: 'kcp-access', key: 'config' } }).manifests, 'Deployment').spec.template.spec.volumes[0];
    expect(vol.secret).toEqual({ secretName: 'kcp-access', optional: false, items: [{ key: 'config', path: 'kubeconfig' }] });
  });

  test('kubeconfig: an ExternalSecret that owns the Secret', () => {
    const { manifests, syncer } = render({ kubeconfig: { externalSecret: { storeRef: { name: 'vault', kind: 'ClusterSecretStore' }, remoteKey: 'kcp/prod-1', property: 'kubeconfig' } } });
    expect(only(manifests, 'ExternalSecret')).toMatchObject({
      apiVersion: 'external-secrets.io/v1beta1',
      metadata: { name: syncer.id, namespace: syncer.id },
      spec: {
        refreshInterval: '1h',
        secretStoreRef: { name: 'vault', kind: 'ClusterSecretStore' },
        target: { name: syncer.id, creationPolicy: 'Owner' },
        data: [{ secretKey: 'kubeconfig', remoteRef: { key: 'kcp/prod-1', property: 'kubeconfig' } }],
      },
    });
    expect(only(manifests, 'Deployment').spec.template.spec.volumes[0].secret.secretName).toBe(syncer.id);
  });

  test('UID unknown: pending names, 0 replicas, no --sync-target-uid, a warning saying what to run and set', () => {
    const { chart, manifests, syncer } = render({ syncTargetUID: undefined, uidCommand: 'kubectl get synctarget prod-workload-1' });
    expect(syncer.pending).toBe(true);
    expect(syncer.id).toBe('kcp-syncer-prod-workload-1');
    const d = only(manifests, 'Deployment');
    expect(d.spec.replicas).toBe(0);
    expect(d.spec.template.spec.containers[0].args.filter((a: string) => a.startsWith('--sync-target-uid'))).toEqual([]);
    expect(only(manifests, 'Role').metadata.name).toBe('kcp-dns-prod-workload-1');
    const warnings = collectWarnings(chart);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('`kubectl get synctarget prod-workload-1`');
    expect(warnings[0]).toContain('set clusters[0].kcp.syncTargetUID');
  });

  test('stopped: 0 replicas even with a UID', () => {
    expect(only(render({ stopped: true }).manifests, 'Deployment').spec.replicas).toBe(0);
  });

  test('fails when the syncer namespace would exceed 63 characters', () => {
    const chart = testChart();
    new KcpSyncer(chart, 'Syncer', props({ syncTargetName: 'x'.repeat(44) }));
    expect(() => synthesize(chart.node.root as any)).toThrow(
      'syncer namespace "kcp-syncer-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx-2bdkcae0" has 64 characters, more than the 63 a namespace may have',
    );
  });
});
