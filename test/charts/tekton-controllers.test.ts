import { EnvironmentApp } from '../../src/charts/environment-app';
import { TektonChainsChart } from '../../src/charts/tekton-chains-chart';
import { TektonResultsChart } from '../../src/charts/tekton-results-chart';
import { EnvironmentInput } from '../../src/config';
import { collectWarnings } from '../../src/lib/warnings';
import { synthesize } from '../../src/synth/manifests';
import { ofKind, testEnvironment } from '../helpers';

const IMG = (c: string) => `quay.io/example/${c}@sha256:${'c'.repeat(64)}`;
const RESULTS: EnvironmentInput['tektonResults'] = { images: { api: IMG('api'), watcher: IMG('watcher') } };
const CHAINS: EnvironmentInput['tektonChains'] = { image: IMG('chains'), settings: { 'artifacts.oci.storage': 'oci', 'transparency.enabled': 'false', 'storage.oci.repository.insecure': false } };

function build(overrides: Partial<EnvironmentInput> = {}) {
  const app = new EnvironmentApp(testEnvironment(overrides));
  return { app, result: synthesize(app) };
}

function objectsOf(result: ReturnType<typeof synthesize>, component: string): any[] {
  const c = result.components.find((x) => x.component === component);
  if (!c) throw new Error(`no component ${component}`);
  return c.objects as any[];
}

const named = (objects: any[], kind: string, name: string) => {
  const found = ofKind(objects, kind).find((o) => o.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found;
};

describe('tekton-results component', () => {
  const { app, result } = build({ tektonResults: RESULTS });
  const objects = objectsOf(result, 'tekton-results');

  test('one component per cluster, after tekton-config', () => {
    expect(result.components.map((c) => c.component)).toEqual(['operator', 'tekton-config', 'tekton-results']);
    const [cluster] = app.clusters;
    expect(cluster.tektonResults!.node.dependencies).toEqual([cluster.tektonConfig]);
    expect(TektonResultsChart.COMPONENT).toBe('tekton-results');
  });

  test('objects: restricted namespace, two controllers with their RBAC, API config; no Secret', () => {
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual([
      'ClusterRole/tekton-results-admin',
      'ClusterRole/tekton-results-api',
      'ClusterRole/tekton-results-readonly',
      'ClusterRole/tekton-results-readwrite',
      'ClusterRole/tekton-results-watcher',
      'ClusterRoleBinding/tekton-results-api',
      'ClusterRoleBinding/tekton-results-watcher',
      'ConfigMap/tekton-results-api-config',
      'Deployment/tekton-results-api',
      'Deployment/tekton-results-watcher',
      'Namespace/tekton-results',
      'Role/tekton-results-watcher',
      'RoleBinding/tekton-results-watcher',
      'Service/tekton-results-api-service',
      'Service/tekton-results-watcher',
      'ServiceAccount/tekton-results-api',
      'ServiceAccount/tekton-results-watcher',
    ]);
    expect(named(objects, 'Namespace', 'tekton-results').metadata.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
  });

  test('database connection from the referenced Secret, never inlined', () => {
    const api = named(objects, 'Deployment', 'tekton-results-api').spec.template.spec.containers[0];
    expect(api.env).toEqual([
      { name: 'DB_HOST', valueFrom: { secretKeyRef: { name: 'tekton-results-database', key: 'db.host' } } },
      { name: 'DB_NAME', valueFrom: { secretKeyRef: { name: 'tekton-results-database', key: 'db.name' } } },
      { name: 'DB_USER', valueFrom: { secretKeyRef: { name: 'tekton-results-database', key: 'db.user' } } },
      { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'tekton-results-database', key: 'db.password' } } },
    ]);
    const config = named(objects, 'ConfigMap', 'tekton-results-api-config').data.config as string;
    expect(config).toContain('DB_SSLMODE=verify-full\n');
    expect(config).toContain('AUTH_DISABLE=false\n');
    expect(config).not.toMatch(/PASSWORD|DB_USER/);
  });

  test('TLS: the API mounts the whole TLS Secret, the watcher only the certificate', () => {
    const apiPod = named(objects, 'Deployment', 'tekton-results-api').spec.template.spec;
    expect(apiPod.volumes).toContainEqual({ name: 'tls', secret: { secretName: 'tekton-results-tls' } });
    const watcherPod = named(objects, 'Deployment', 'tekton-results-watcher').spec.template.spec;
    expect(watcherPod.volumes).toContainEqual({ name: 'tls', secret: { secretName: 'tekton-results-tls', items: [{ key: 'tls.crt', path: 'tls.crt' }] } });
  });

  test('v0.6 (train phase-1) has no DB_SSLROOTCERT: the database CA reaches pgx as PGSSLROOTCERT', () => {
    const { result: r } = build({ tektonResults: { ...RESULTS, database: { caSecret: { name: 'db-ca' } } } });
    const o = objectsOf(r, 'tekton-results');
    expect(named(o, 'ConfigMap', 'tekton-results-api-config').data.config).not.toContain('DB_SSLROOTCERT');
    const api = named(o, 'Deployment', 'tekton-results-api').spec.template.spec;
    expect(api.containers[0].env).toContainEqual({ name: 'PGSSLROOTCERT', value: '/etc/db-ca/ca.crt' });
    expect(api.volumes).toContainEqual({ name: 'db-ca', secret: { secretName: 'db-ca', items: [{ key: 'ca.crt', path: 'ca.crt' }] } });
    expect(api.containers[0].volumeMounts).toContainEqual({ name: 'db-ca', mountPath: '/etc/db-ca', readOnly: true });
  });

  test('v0.6 reads SERVER_PORT and AUTH_DISABLE; v0.5 GRPC_PORT, REST_PORT and NO_AUTH, and the watcher dials gRPC on 50051', () => {
    const v06 = named(objects, 'ConfigMap', 'tekton-results-api-config').data.config as string;
    expect(v06).toContain('SERVER_PORT=8080\n');
    expect(v06).not.toMatch(/GRPC_PORT|NO_AUTH/);
    const o = objectsOf(build({ tektonResults: { ...RESULTS, version: 'v0.5.0' } }).result, 'tekton-results');
    const v05 = named(o, 'ConfigMap', 'tekton-results-api-config').data.config as string;
    expect(v05).toContain('GRPC_PORT=50051\nREST_PORT=8080\n');
    expect(v05).toContain('NO_AUTH=false\n');
    expect(v05).not.toMatch(/SERVER_PORT|AUTH_DISABLE/);
    expect(named(o, 'Deployment', 'tekton-results-watcher').spec.template.spec.containers[0].args[1]).toBe('tekton-results-api-service.tekton-results.svc.cluster.local:50051');
    expect(named(o, 'Service', 'tekton-results-api-service').spec.ports.map((p: any) => p.port)).toEqual([8080, 50051, 9090]);
  });

  test('user roles on results.tekton.dev, aggregated into view/edit (read) and admin', () => {
    expect(named(objects, 'ClusterRole', 'tekton-results-readonly')).toMatchObject({
      metadata: { labels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true', 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' } },
      rules: [{ apiGroups: ['results.tekton.dev'], resources: ['results', 'records', 'logs'], verbs: ['get', 'list'] }],
    });
    expect(named(objects, 'ClusterRole', 'tekton-results-readwrite').rules[0].verbs).toEqual(['create', 'update', 'get', 'list']);
    const admin = named(objects, 'ClusterRole', 'tekton-results-admin');
    expect(admin.metadata.labels['rbac.authorization.k8s.io/aggregate-to-admin']).toBe('true');
    expect(admin.rules[0].verbs).toContain('delete');
  });

  test('expose: an Ingress the OpenShift router turns into a passthrough Route to the API Service', () => {
    const o = objectsOf(build({ tektonResults: { ...RESULTS, expose: { host: 'results.example.com' } } }).result, 'tekton-results');
    const ingress = named(o, 'Ingress', 'tekton-results-api');
    expect(ingress.metadata.annotations['route.openshift.io/termination']).toBe('passthrough');
    expect(ingress.spec.rules).toEqual([
      { host: 'results.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'tekton-results-api-service', port: { name: 'server' } } } }] } },
    ]);
    expect(objects.filter((x) => x.kind === 'Ingress')).toEqual([]);
  });

  test('without images the release\'s images carry the all-zero digest: 0 replicas and a warning', () => {
    const { app: a, result: r } = build({ tektonResults: {} });
    const deployments = ofKind(objectsOf(r, 'tekton-results'), 'Deployment');
    for (const d of deployments) {
      expect(d.spec.replicas).toBe(0);
      expect(d.spec.template.spec.containers[0].image).toMatch(/^gcr\.io\/tekton-releases\/github\.com\/tektoncd\/results\/cmd\/(api|watcher):v0\.6\.0@sha256:0{64}$/);
    }
    expect(collectWarnings(a).filter((w) => w.includes('Tekton Results v0.6.0 runs 0 replicas'))).toHaveLength(1);
    expect(deployments.every((d) => d.spec.replicas === 0)).toBe(true);
  });

  test('the watcher reaches the API through its Service', () => {
    const watcher = named(objects, 'Deployment', 'tekton-results-watcher').spec.template.spec.containers[0];
    expect(watcher.args).toEqual(['-api_addr', 'tekton-results-api-service.tekton-results.svc.cluster.local:8080', '-auth_mode', 'token']);
    expect(named(objects, 'Service', 'tekton-results-api-service').spec.ports.map((p: any) => p.port)).toEqual([8080, 9090]);
  });

  test('least privilege: the API only reviews tokens and access; no wildcard anywhere', () => {
    expect(named(objects, 'ClusterRole', 'tekton-results-api').rules).toEqual([
      { apiGroups: ['authentication.k8s.io'], resources: ['tokenreviews'], verbs: ['create'] },
      { apiGroups: ['authorization.k8s.io'], resources: ['subjectaccessreviews'], verbs: ['create'] },
    ]);
    const rules = [...ofKind(objects, 'ClusterRole'), ...ofKind(objects, 'Role')].flatMap((r) => r.rules);
    expect(rules.length).toBeGreaterThan(0);
    for (const r of rules) expect([...r.apiGroups, ...r.resources, ...r.verbs]).not.toContain('*');
  });

  test('images by digest from config', () => {
    const images = ofKind(objects, 'Deployment').map((d) => d.spec.template.spec.containers[0].image);
    expect(images).toEqual([IMG('api'), IMG('watcher')]);
  });

  test('snapshot (for review)', () => {
    expect(objects).toMatchSnapshot();
  });
});

describe('tekton-chains component', () => {
  // Train phase-1: operator v0.65 has no TektonConfig `chain`, so there is nothing to switch off.
  const { app, result } = build({ tektonChains: CHAINS });
  const objects = objectsOf(result, 'tekton-chains');

  test('after tekton-config; on phase-1 TektonConfig has no chain block (operator v0.65)', () => {
    const [cluster] = app.clusters;
    expect(cluster.tektonChains!.node.dependencies).toEqual([cluster.tektonConfig]);
    expect(TektonChainsChart.COMPONENT).toBe('tekton-chains');
    const tc = objectsOf(result, 'tekton-config')[0] as any;
    expect(tc.spec.chain).toBeUndefined();
  });

  test('on train current TektonConfig keeps the operator from running Chains', () => {
    const r = build({ train: 'current', tektonChains: CHAINS, tektonConfig: { chain: { disabled: true } } }).result;
    expect((objectsOf(r, 'tekton-config')[0] as any).spec.chain).toEqual({ disabled: true });
  });

  test('chains-config holds the settings as strings', () => {
    expect(named(objects, 'ConfigMap', 'chains-config').data).toEqual({ 'artifacts.oci.storage': 'oci', 'transparency.enabled': 'false', 'storage.oci.repository.insecure': 'false' });
  });

  test('the signing key is a referenced Secret, mounted read-only, never created', () => {
    expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
    const pod = named(objects, 'Deployment', 'tekton-chains-controller').spec.template.spec;
    expect(pod.volumes).toContainEqual({ name: 'signing-secrets', secret: { secretName: 'signing-secrets' } });
    expect(pod.containers[0].volumeMounts).toContainEqual({ name: 'signing-secrets', mountPath: '/etc/signing-secrets', readOnly: true });
    expect(pod.containers[0].image).toBe(IMG('chains'));
  });

  test('not operator-managed only: without tektonChains there is no component', () => {
    const { result: r } = build();
    expect(r.components.map((c) => c.component)).toEqual(['operator', 'tekton-config']);
  });

  test('snapshot (for review)', () => {
    expect(objects).toMatchSnapshot();
  });
});

describe('Pipelines-as-Code on the workload cluster', () => {
  test('enabled through TektonConfig, with the typed settings that are set', () => {
    const { result } = build({ tektonConfig: { pipelinesAsCode: { settings: { 'application-name': 'Pipeline Service', 'remote-tasks': 'false' } } } });
    const tc = objectsOf(result, 'tekton-config')[0] as any;
    expect(tc.spec.platforms.openshift.pipelinesAsCode).toEqual({ enable: true, settings: { 'application-name': 'Pipeline Service', 'remote-tasks': 'false' } });
  });

  test('no settings: the operator keeps its defaults', () => {
    const tc = objectsOf(build().result, 'tekton-config')[0] as any;
    expect(tc.spec.platforms.openshift.pipelinesAsCode).toEqual({ enable: true });
  });
});
