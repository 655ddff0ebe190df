import Ajv from 'ajv';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EnvironmentApp } from '../../src/charts/environment-app';
import { EnvironmentInput } from '../../src/config';
import { base36, hash8, syncTargetNameFor } from '../../src/lib/kcp-names';
import { createHash } from 'node:crypto';
import { synthesize } from '../../src/synth/manifests';
import { ofKind, only, testEnvironment } from '../helpers';

const IMAGE = `ghcr.io/kcp-dev/kcp/syncer:v0.11.0@sha256:${'a'.repeat(64)}`;
const UID = '6d1e3c2a-9b7f-4e58-a0c4-2f8e1b3d5a79';
const kcp = (over: Partial<NonNullable<EnvironmentInput['kcp']>> = {}): EnvironmentInput['kcp'] => ({
  serverURL: 'https://kcp.example.com',
  organization: 'root:pipeline-service',
  syncer: { image: IMAGE },
  locations: [{ name: 'east', instanceSelector: { region: 'us-east-1' } }],
  consumers: [{ name: 'appstudio', workspace: 'root:appstudio', locationSelector: { 'pipeline-service.openshift.io/location': 'east' } }],
  ...over,
});
const threeClusters: EnvironmentInput['clusters'] = [
  { name: 'prod-1', destination: { name: 'prod-1' }, labels: { region: 'us-east-1' }, kcp: { syncTargetUID: UID, labels: { tier: 'gold' } } },
  { name: 'prod-2', destination: { name: 'prod-2' }, kcp: { kubeconfig: { externalSecret: { storeRef: { name: 'vault' }, remoteKey: 'kcp/prod-2' } } } },
  { name: 'pipeline-service-production-workload-euwest1', destination: { name: 'prod-3' } },
];

function build(overrides: Partial<EnvironmentInput> = { kcp: kcp(), clusters: threeClusters }) {
  const app = new EnvironmentApp(testEnvironment(overrides));
  const result = synthesize(app);
  const component = (target: string, component: string) => {
    const c = result.components.find((x) => x.target === target && x.component === component);
    if (!c) throw new Error(`no ${target}/${component}`);
    return c.objects as any[];
  };
  return { app, result, component };
}

/** Validates objects against the pinned CRD schemas in imports/schemas (kcp and external-secrets kinds). */
function schemaValidator() {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, logger: false });
  const byGvk = new Map<string, { schema: object; compiled?: any }>();
  const dir = join(__dirname, '../../imports/schemas');
  for (const f of readdirSync(dir)) {
    const s = JSON.parse(readFileSync(join(dir, f), 'utf8'));
    for (const [v, schema] of Object.entries(s.versions)) byGvk.set(`${s.group}/${v}/${s.kind}`, { schema: schema as object });
  }
  return (o: any) => {
    const entry = byGvk.get(`${o.apiVersion}/${o.kind}`);
    if (!entry) throw new Error(`no schema for ${o.apiVersion} ${o.kind}`);
    entry.compiled ??= ajv.compile(entry.schema); // compile only the kinds used: the Argo CD schemas are large
    const validate = entry.compiled;
    return validate(o) ? [] : validate.errors.map((e: any) => `${o.kind} ${o.metadata.name}: ${e.instancePath} ${e.message}`);
  };
}

describe('kcp integration in an environment of three clusters', () => {
  test('targets: one per cluster, kcp-compute and one per consumer, with workspace destinations', () => {
    const { app } = build();
    expect(app.targets.filter((t) => t.kind === 'kcp-workspace')).toEqual([
      { name: 'kcp-compute', kind: 'kcp-workspace', destination: { server: 'https://kcp.example.com/clusters/root:pipeline-service:compute' } },
      { name: 'kcp-appstudio', kind: 'kcp-workspace', destination: { server: 'https://kcp.example.com/clusters/root:appstudio' } },
    ]);
    expect(app.targets.filter((t) => t.kind === 'workload-cluster')).toHaveLength(3);
  });

  test('components, and each syncer and binding depends on the compute workspace', () => {
    const { app, result } = build();
    expect(result.components.map((c) => `${c.target}/${c.component}`).filter((n) => /kcp|compute|binding/.test(n))).toEqual([
      'kcp-compute/compute',
      'kcp-appstudio/api-binding',
      'prod-1/kcp-syncer',
      'prod-2/kcp-syncer',
      'pipeline-service-production-workload-euwest1/kcp-syncer',
    ]);
    const compute = app.kcp!.compute;
    for (const cluster of app.clusters) expect(cluster.kcpSyncer!.node.dependencies).toEqual([compute]);
    expect(app.kcp!.bindings[0].node.dependencies).toEqual([compute]);
    expect(compute.node.dependencies).toEqual([]);
  });

  test('no kcp section: no kcp target, component or object', () => {
    const { app, result } = build({});
    expect(app.kcp).toBeUndefined();
    expect(app.targets.map((t) => t.kind)).toEqual(['workload-cluster']);
    expect(result.components.map((c) => c.component)).toEqual(['operator', 'tekton-config']);
  });

  test('one SyncTarget per cluster: labels, hashed long name (37 characters), only the compute workspace\'s kubernetes export', () => {
    const { component } = build();
    const targets = ofKind(component('kcp-compute', 'compute'), 'SyncTarget');
    const long = 'pipeline-service-production-workload-euwest1';
    expect(targets.map((t) => t.metadata.name)).toEqual(['prod-1', 'prod-2', `pipeline-service-production-${hash8(long)}`]);
    expect(targets[2].metadata.name.length).toBeLessThanOrEqual(37);
    expect(syncTargetNameFor(long)).toBe(targets[2].metadata.name);
    expect(targets[0].metadata.labels).toMatchObject({ region: 'us-east-1', tier: 'gold' });
    for (const t of targets) {
      expect(t.spec.supportedAPIExports).toEqual([{ export: 'kubernetes', path: 'root:pipeline-service:compute' }]);
    }
  });

  test('syncer identity in kcp: ServiceAccount, token Secret, ClusterRole on its own SyncTarget, binding', () => {
    const objs = build().component('kcp-compute', 'compute');
    const role = ofKind(objs, 'ClusterRole').find((r) => r.metadata.name === 'kcp-syncer-prod-1');
    expect(role.rules).toEqual([
      { apiGroups: ['workload.kcp.io'], resources: ['synctargets'], resourceNames: ['prod-1'], verbs: ['sync'] },
      { apiGroups: ['workload.kcp.io'], resources: ['synctargets'], resourceNames: ['prod-1'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['workload.kcp.io'], resources: ['synctargets/tunnel'], resourceNames: ['prod-1'], verbs: ['get'] },
      { apiGroups: ['workload.kcp.io'], resources: ['synctargets/status'], resourceNames: ['prod-1'], verbs: ['update', 'patch'] },
      { apiGroups: ['apiresource.kcp.io'], resources: ['apiresourceimports'], verbs: ['get', 'create', 'update', 'delete', 'list', 'watch'] },
    ]);
    expect(ofKind(objs, 'ServiceAccount').map((s) => `${s.metadata.namespace}/${s.metadata.name}`)).toEqual([
      'default/kcp-syncer-prod-1',
      'default/kcp-syncer-prod-2',
      `default/kcp-syncer-pipeline-service-production-${hash8('pipeline-service-production-workload-euwest1')}`,
    ]);
    const token = ofKind(objs, 'Secret').find((s) => s.metadata.name === 'kcp-syncer-prod-1-token');
    expect(token).toMatchObject({ type: 'kubernetes.io/service-account-token', metadata: { namespace: 'default', annotations: { 'kubernetes.io/service-account.name': 'kcp-syncer-prod-1' } } });
    const crb = ofKind(objs, 'ClusterRoleBinding').find((r) => r.metadata.name === 'kcp-syncer-prod-1');
    expect(crb.subjects).toEqual([{ kind: 'ServiceAccount', name: 'kcp-syncer-prod-1', namespace: 'default' }]);
  });

  test('a kcp namespace other than default is created', () => {
    const objs = build({ kcp: kcp({ syncer: { image: IMAGE, kcpNamespace: 'syncers' } }), clusters: threeClusters }).component('kcp-compute', 'compute');
    expect(only(objs, 'Namespace').metadata.name).toBe('syncers');
    expect(new Set(ofKind(objs, 'ServiceAccount').map((s) => s.metadata.namespace))).toEqual(new Set(['syncers']));
  });

  test('no APIExport, APIResourceSchema or kcp-owned object (kubernetes export and binding, default Location) is declared', () => {
    const objs = build().result.components.flatMap((c) => c.objects as any[]);
    expect(objs.filter((o) => o.kind === 'APIExport' || o.kind === 'APIResourceSchema')).toEqual([]);
    const compute = build().component('kcp-compute', 'compute');
    expect(compute.filter((o) => (o.kind === 'APIBinding' && o.metadata.name === 'kubernetes') || (o.kind === 'Location' && o.metadata.name === 'default'))).toEqual([]);
  });

  test('Locations from config: own labels (default pipeline-service.openshift.io/location=<name>), SyncTarget selector', () => {
    const objs = build().component('kcp-compute', 'compute');
    expect(only(objs, 'Location')).toMatchObject({
      metadata: { name: 'east', labels: { 'pipeline-service.openshift.io/location': 'east' } },
      spec: { resource: { group: 'workload.kcp.io', resource: 'synctargets', version: 'v1alpha1' }, instanceSelector: { matchLabels: { region: 'us-east-1' } } },
    });
  });

  test('bind RBAC: apibinding:kubernetes grants bind on apiexports/kubernetes, and only that, to kcp.bindGroups', () => {
    const objs = build({ kcp: kcp({ bindGroups: ['appstudio-team', 'hacbs-team'] }), clusters: threeClusters }).component('kcp-compute', 'compute');
    const role = ofKind(objs, 'ClusterRole').find((r) => r.metadata.name === 'apibinding:kubernetes');
    expect(role.rules).toEqual([{ apiGroups: ['apis.kcp.io'], resources: ['apiexports'], resourceNames: ['kubernetes'], verbs: ['bind'] }]);
    const crb = ofKind(objs, 'ClusterRoleBinding').find((r) => r.metadata.name === 'apibinding:kubernetes');
    expect(crb.subjects).toEqual([
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'appstudio-team' },
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'hacbs-team' },
    ]);
  });

  test('each consumer: what `kubectl kcp bind compute` creates, under the names bind_compute.go gives them', () => {
    const { app, component } = build();
    const objs = component('kcp-appstudio', 'api-binding');
    expect(objs.map((o) => o.kind).sort()).toEqual(['APIBinding', 'Placement']);
    const sha = (s: string) => base36(createHash('sha224').update(s).digest()).slice(0, 8);
    // apiBindingName: <export>-<base36(sha224("/clusters/<path>"))[:8]>
    expect(only(objs, 'APIBinding')).toMatchObject({
      metadata: { name: `kubernetes-${sha('/clusters/root:pipeline-service:compute')}` },
      spec: { reference: { export: { path: 'root:pipeline-service:compute', name: 'kubernetes' } } },
    });
    expect(only(objs, 'APIBinding').spec.permissionClaims).toBeUndefined();
    // PlacementName: placement-<base36(sha224(nsSelector + locationSelectors joined by , + location workspace))[:8]>
    const placement = only(objs, 'Placement');
    expect(placement.metadata.name).toBe(`placement-${sha('pipeline-service.openshift.io/location=eastroot:pipeline-service:compute')}`);
    expect(placement.spec).toEqual({
      locationWorkspace: 'root:pipeline-service:compute',
      locationResource: { group: 'workload.kcp.io', version: 'v1alpha1', resource: 'synctargets' },
      locationSelectors: [{ matchLabels: { 'pipeline-service.openshift.io/location': 'east' } }],
      namespaceSelector: {},
    });
    expect(app.kcp!.bindings[0].command).toBe(
      "kubectl kcp bind compute root:pipeline-service:compute --apiexports=root:pipeline-service:compute:kubernetes --location-selectors='pipeline-service.openshift.io/location=east' --namespace-selector=''",
    );
    // Bound before placed, as the plugin waits for the binding.
    expect(Number(only(objs, 'APIBinding').metadata.annotations['argocd.argoproj.io/sync-wave'])).toBeLessThan(Number(placement.metadata.annotations['argocd.argoproj.io/sync-wave']));
  });

  test('a namespace selector from config: labels and expressions, in the Placement and its name', () => {
    const consumers = [
      {
        name: 'appstudio',
        workspace: 'root:appstudio',
        locationSelector: { 'pipeline-service.openshift.io/location': 'east' },
        namespaceSelector: { matchLabels: { team: 'a' }, matchExpressions: [{ key: 'tier', operator: 'In' as const, values: ['ci', 'cd'] }, { key: 'legacy', operator: 'DoesNotExist' as const }] },
      },
    ];
    const { app, component } = build({ kcp: kcp({ consumers }), clusters: threeClusters });
    const placement = only(component('kcp-appstudio', 'api-binding'), 'Placement');
    expect(placement.spec.namespaceSelector).toEqual({
      matchLabels: { team: 'a' },
      matchExpressions: [
        { key: 'tier', operator: 'In', values: ['ci', 'cd'] },
        { key: 'legacy', operator: 'DoesNotExist' },
      ],
    });
    expect(app.kcp!.bindings[0].command).toContain("--namespace-selector='!legacy,team=a,tier in (ci,cd)'");
    const sha = (s: string) => base36(createHash('sha224').update(s).digest()).slice(0, 8);
    expect(placement.metadata.name).toBe(`placement-${sha('!legacy,team=a,tier in (ci,cd)pipeline-service.openshift.io/location=eastroot:pipeline-service:compute')}`);
  });

  test('syncers: UID-derived names where the UID is known, pending names and 0 replicas elsewhere', () => {
    const { component, result } = build();
    expect(only(component('prod-1', 'kcp-syncer'), 'Deployment')).toMatchObject({ metadata: { name: 'kcp-syncer-prod-1-2bdkcae0' }, spec: { replicas: 1 } });
    expect(only(component('prod-2', 'kcp-syncer'), 'Deployment')).toMatchObject({ metadata: { name: 'kcp-syncer-prod-2' }, spec: { replicas: 0 } });
    expect(only(component('prod-2', 'kcp-syncer'), 'ExternalSecret').spec.data[0].remoteRef.key).toBe('kcp/prod-2');
    expect(result.warnings).toHaveLength(2);
    expect(result.warnings[0]).toMatch(/^prod-2\/kcp-syncer\/Syncer: SyncTarget "prod-2" has no UID yet/);
    expect(result.warnings[0]).toContain("`kubectl --server https://kcp.example.com/clusters/root:pipeline-service:compute get synctarget prod-2 -o jsonpath='{.metadata.uid}'`");
    expect(result.warnings[0]).toContain('set clusters[1].kcp.syncTargetUID');
    expect(result.warnings[1]).toContain('set clusters[2].kcp.syncTargetUID');
  });

  test('OpenShift DNS: a NetworkPolicy in each syncer namespace lets kcp-dns pods, never the syncer, reach openshift-dns on 53 and 5353', () => {
    const { component } = build();
    // Kubernetes label selector semantics, for matchLabels and the four operators.
    const selects = (sel: any, labels: Record<string, string>) =>
      Object.entries(sel.matchLabels ?? {}).every(([k, v]) => labels[k] === v) &&
      (sel.matchExpressions ?? []).every((e: any) =>
        e.operator === 'In' ? e.values.includes(labels[e.key]) : e.operator === 'NotIn' ? !(e.key in labels) || !e.values.includes(labels[e.key]) : e.operator === 'Exists' ? e.key in labels : !(e.key in labels),
      );
    for (const cluster of ['prod-1', 'prod-2']) {
      const objs = component(cluster, 'kcp-syncer');
      const syncer = only(objs, 'Deployment');
      const np = only(objs, 'NetworkPolicy');
      expect(np.metadata.namespace).toBe(syncer.metadata.namespace);
      expect(np.spec.policyTypes).toEqual(['Egress']);
      expect(selects(np.spec.podSelector, syncer.spec.template.metadata.labels)).toBe(false);
      // A kcp-dns pod as the syncer creates it: app=<GetDNSID>.
      const dnsApp = syncer.metadata.name.replace(/^kcp-syncer-/, 'kcp-dns-') + '-x0gx4iqu';
      expect(selects(np.spec.podSelector, { app: dnsApp })).toBe(true);
      expect(np.spec.egress).toEqual([
        {
          to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'openshift-dns' } }, podSelector: { matchLabels: { 'dns.operator.openshift.io/daemonset-dns': 'default' } } }],
          ports: [
            { protocol: 'UDP', port: 53 },
            { protocol: 'TCP', port: 53 },
            { protocol: 'UDP', port: 5353 },
            { protocol: 'TCP', port: 5353 },
          ],
        },
      ]);
    }
  });

  test('OpenShift DNS off for a cluster: no NetworkPolicy there', () => {
    const clusters = threeClusters.map((c, i) => (i === 0 ? { ...c, kcp: { ...c.kcp, openshiftDns: false } } : c));
    const { component } = build({ kcp: kcp(), clusters });
    expect(component('prod-1', 'kcp-syncer').filter((o) => o.kind === 'NetworkPolicy')).toEqual([]);
    expect(ofKind(component('prod-2', 'kcp-syncer'), 'NetworkPolicy')).toHaveLength(1);
  });

  test('the unresolved digest placeholder stops every syncer and warns once', () => {
    const image = `ghcr.io/kcp-dev/kcp/syncer:v0.11.0@sha256:${'0'.repeat(64)}`;
    const { component, result } = build({ kcp: kcp({ syncer: { image } }), clusters: threeClusters });
    expect(only(component('prod-1', 'kcp-syncer'), 'Deployment').spec.replicas).toBe(0);
    expect(result.warnings.filter((w) => w.includes('unresolved digest'))).toHaveLength(1);
  });

  test('a cluster added yields its syncer and SyncTarget; a cluster removed disappears', () => {
    const names = (clusters: EnvironmentInput['clusters']) =>
      build({ kcp: kcp(), clusters })
        .result.components.flatMap((c) => c.objects.filter((o) => o.kind === 'SyncTarget' || o.kind === 'Deployment').map((o) => `${c.target}:${o.kind}:${o.metadata.name}`))
        .sort();
    const two = names(threeClusters.slice(0, 2));
    const three = names(threeClusters);
    expect(three.filter((n) => !two.includes(n))).toEqual([
      'kcp-compute:SyncTarget:pipeline-service-production-' + hash8('pipeline-service-production-workload-euwest1'),
      'pipeline-service-production-workload-euwest1:Deployment:kcp-syncer-pipeline-service-production-' + hash8('pipeline-service-production-workload-euwest1'),
    ]);
    expect(two.filter((n) => !three.includes(n))).toEqual([]);
  });

  test('every kcp and ExternalSecret object validates against the pinned kcp v0.11 / external-secrets schemas', () => {
    const validate = schemaValidator();
    const objs = build().result.components.flatMap((c) => c.objects as any[]);
    const custom = objs.filter((o) => /kcp\.io|external-secrets\.io/.test(o.apiVersion));
    expect(new Set(custom.map((o) => o.kind))).toEqual(new Set(['SyncTarget', 'Location', 'Placement', 'APIBinding', 'ExternalSecret']));
    expect(custom.flatMap(validate)).toEqual([]);
    // The validator does reject a wrong object.
    expect(validate({ apiVersion: 'apis.kcp.io/v1alpha1', kind: 'APIBinding', metadata: { name: 'x' }, spec: {} })).not.toEqual([]);
  });

  test('snapshot of the kcp side of a three-cluster environment (for review)', () => {
    const { result } = build();
    const kcpParts = result.components
      .filter((c) => c.component !== 'operator' && c.component !== 'tekton-config')
      .map((c) => ({ ...c, objects: c.objects.map((o: any) => (o.kind === 'APIResourceSchema' ? { ...o, spec: { ...o.spec, versions: o.spec.versions.map((v: any) => ({ ...v, schema: '(from imports/schemas)' })) } } : o)) }));
    expect(kcpParts).toMatchSnapshot();
  });
});
