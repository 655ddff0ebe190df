import Ajv from 'ajv';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EnvironmentApp } from '../../src/charts/environment-app';
import { EnvironmentInput } from '../../src/config';
import { hash8, syncTargetNameFor } from '../../src/lib/kcp-names';
import { synthesize } from '../../src/synth/manifests';
import { ofKind, only, testEnvironment } from '../helpers';

const IMAGE = `ghcr.io/kcp-dev/kcp/syncer:v0.11.0@sha256:${'a'.repeat(64)}`;
const UID = '6d1e3c2a-9b7f-4e58-a0c4-2f8e1b3d5a79';
const kcp = (over: Partial<NonNullable<EnvironmentInput['kcp']>> = {}): EnvironmentInput['kcp'] => ({
  serverURL: 'https://kcp.example.com',
  organization: 'root:pipeline-service',
  syncer: { image: IMAGE },
  consumers: [{ name: 'appstudio', workspace: 'root:appstudio' }],
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

  test('one SyncTarget per cluster: labels, hashed long name, our export next to kubernetes', () => {
    const { component } = build();
    const targets = ofKind(component('kcp-compute', 'compute'), 'SyncTarget');
    const long = 'pipeline-service-production-workload-euwest1';
    expect(targets.map((t) => t.metadata.name)).toEqual(['prod-1', 'prod-2', `pipeline-service-production-worklo-${hash8(long)}`]);
    expect(syncTargetNameFor(long)).toBe(targets[2].metadata.name);
    expect(targets[0].metadata.labels).toMatchObject({ region: 'us-east-1', tier: 'gold' });
    for (const t of targets) {
      expect(t.spec.supportedAPIExports).toEqual([
        { export: 'pipeline-service', path: 'root:pipeline-service:compute' },
        { export: 'kubernetes', path: 'root:pipeline-service:compute' },
      ]);
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
      `default/kcp-syncer-pipeline-service-production-worklo-${hash8('pipeline-service-production-workload-euwest1')}`,
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

  test('APIExport lists exactly the generated schemas; never kcp-owned objects', () => {
    const objs = build().component('kcp-compute', 'compute');
    const schemas = ofKind(objs, 'APIResourceSchema');
    expect(schemas.map((s) => s.metadata.name.replace(/^r[0-9a-f]{10}\./, ''))).toEqual([
      'pipelineruns.tekton.dev',
      'pipelines.tekton.dev',
      'tasks.tekton.dev',
      'repositories.pipelinesascode.tekton.dev',
    ]);
    const exp = only(objs, 'APIExport');
    expect(exp.metadata.name).toBe('pipeline-service');
    expect(exp.spec.latestResourceSchemas).toEqual(schemas.map((s) => s.metadata.name));
    expect(objs.filter((o) => o.metadata.name === 'kubernetes' || (o.kind === 'Location' && o.metadata.name === 'default'))).toEqual([]);
  });

  test('APIResourceSchema: storage version only, with status subresource and printer columns', () => {
    const pr = ofKind(build().component('kcp-compute', 'compute'), 'APIResourceSchema').find((s) => s.spec.names.plural === 'pipelineruns');
    expect(pr.spec.group).toBe('tekton.dev');
    expect(pr.spec.scope).toBe('Namespaced');
    expect(pr.spec.names).toMatchObject({ kind: 'PipelineRun', singular: 'pipelinerun', shortNames: ['pr', 'prs'] });
    expect(pr.spec.versions).toHaveLength(1);
    expect(pr.spec.versions[0]).toMatchObject({ name: 'v1beta1', served: true, storage: true, subresources: { status: {} } });
    expect(pr.spec.versions[0].additionalPrinterColumns.map((c: any) => c.name)).toEqual(['Succeeded', 'Reason', 'StartTime', 'CompletionTime']);
    expect(pr.metadata.annotations['argocd.argoproj.io/sync-options']).toBe('Prune=false');
  });

  test('schema names change with the schema content and only then', () => {
    const names = () => ofKind(build().component('kcp-compute', 'compute'), 'APIResourceSchema').map((s) => s.metadata.name);
    expect(names()).toEqual(names());
    const crd = require('../../imports/schemas/tekton-task.json');
    const before = names();
    const saved = crd.versionInfo.v1beta1.additionalPrinterColumns;
    crd.versionInfo.v1beta1.additionalPrinterColumns = [{ name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' }];
    try {
      const after = names();
      expect(after.filter((n) => !before.includes(n))).toEqual([expect.stringMatching(/^r[0-9a-f]{10}\.tasks\.tekton\.dev$/)]);
    } finally {
      crd.versionInfo.v1beta1.additionalPrinterColumns = saved;
    }
  });

  test('only the configured schemas are exported', () => {
    const env = {
      kcp: kcp({ syncer: { image: IMAGE, resourcesToSync: ['services', 'pipelineruns.tekton.dev'] }, export: { schemas: { pipelines: false, tasks: false, repositories: false } } }),
      clusters: threeClusters,
    };
    const objs = build(env).component('kcp-compute', 'compute');
    expect(ofKind(objs, 'APIResourceSchema').map((s) => s.spec.names.plural)).toEqual(['pipelineruns']);
  });

  test('bind RBAC: apibinding:<export> grants bind on the export to the configured groups', () => {
    const objs = build({ kcp: kcp({ export: { bindGroups: ['appstudio-team', 'hacbs-team'] } }), clusters: threeClusters }).component('kcp-compute', 'compute');
    const role = ofKind(objs, 'ClusterRole').find((r) => r.metadata.name === 'apibinding:pipeline-service');
    expect(role.rules).toEqual([{ apiGroups: ['apis.kcp.io'], resources: ['apiexports'], resourceNames: ['pipeline-service'], verbs: ['bind'] }]);
    const crb = ofKind(objs, 'ClusterRoleBinding').find((r) => r.metadata.name === 'apibinding:pipeline-service');
    expect(crb.subjects).toEqual([
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'appstudio-team' },
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'hacbs-team' },
    ]);
  });

  test('APIBinding per consumer (v0.11 shape), with the configured claims accepted', () => {
    const claims = [{ group: '', resource: 'secrets' }];
    const { component } = build({ kcp: kcp({ export: { permissionClaims: claims } }), clusters: threeClusters });
    expect(only(component('kcp-appstudio', 'api-binding'), 'APIBinding').spec).toEqual({
      reference: { export: { path: 'root:pipeline-service:compute', name: 'pipeline-service' } },
      permissionClaims: [{ group: '', resource: 'secrets', all: true, state: 'Accepted' }],
    });
    expect(only(component('kcp-compute', 'compute'), 'APIExport').spec.permissionClaims).toEqual([{ group: '', resource: 'secrets', all: true }]);
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
      'kcp-compute:SyncTarget:pipeline-service-production-worklo-' + hash8('pipeline-service-production-workload-euwest1'),
      'pipeline-service-production-workload-euwest1:Deployment:kcp-syncer-pipeline-service-production-worklo-' + hash8('pipeline-service-production-workload-euwest1'),
    ]);
    expect(two.filter((n) => !three.includes(n))).toEqual([]);
  });

  test('every kcp and ExternalSecret object validates against the pinned kcp v0.11 / external-secrets schemas', () => {
    const validate = schemaValidator();
    const objs = build({ kcp: kcp({ export: { permissionClaims: [{ group: '', resource: 'secrets' }] } }), clusters: threeClusters }).result.components.flatMap((c) => c.objects as any[]);
    const custom = objs.filter((o) => /kcp\.io|external-secrets\.io/.test(o.apiVersion));
    expect(new Set(custom.map((o) => o.kind))).toEqual(new Set(['SyncTarget', 'APIExport', 'APIResourceSchema', 'APIBinding', 'ExternalSecret']));
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
