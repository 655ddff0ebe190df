import { EnvironmentApp } from '../../src/charts/environment-app';
import { GLBC_SYNC_TARGET_LABEL } from '../../src/charts/kcp-compute-chart';
import { EnvironmentInput, HAPROXY_IMAGE, UNRESOLVED_IDENTITY_HASH } from '../../src/config';
import { GIT_PROVIDER_EVENT_HEADERS, PacGateway } from '../../src/constructs/pac-gateway';
import { checkCrossReferences } from '../../src/synth/cross-references';
import { synthesize } from '../../src/synth/manifests';
import { checkObjects } from '../../src/validate';
import { only, testEnvironment } from '../helpers';
import { parseHaproxy } from '../lib/haproxy-parse';

const SYNCER_IMAGE = `ghcr.io/kcp-dev/kcp/syncer:v0.11.0@sha256:${'a'.repeat(64)}`;
const HASH = (c: string) => c.repeat(64);
const kcp: EnvironmentInput['kcp'] = { serverURL: 'https://kcp.example.com', organization: 'root:pipeline-service', syncer: { image: SYNCER_IMAGE } };
const clusters: EnvironmentInput['clusters'] = [
  { name: 'cluster-a', destination: { name: 'cluster-a' }, labels: { region: 'us-east-1' } },
  { name: 'cluster-b', destination: { name: 'cluster-b' } },
];
const glbc = {
  exportPath: 'root:kuadrant',
  exportName: 'glbc-root-kuadrant',
  permissionClaims: [
    { resource: 'secrets' },
    { resource: 'services', identityHash: HASH('1') },
    { group: 'apps', resource: 'deployments', identityHash: HASH('2') },
    { group: 'networking.k8s.io', resource: 'ingresses', identityHash: HASH('3') },
  ],
};
const pacGateway = (over: Partial<NonNullable<EnvironmentInput['pacGateway']>> = {}): EnvironmentInput['pacGateway'] => ({
  host: 'pac.example.com',
  cluster: 'cluster-b',
  glbc,
  ...over,
});

function build(overrides: Partial<EnvironmentInput> = {}) {
  const app = new EnvironmentApp(testEnvironment({ kcp, clusters, pacGateway: pacGateway(), ...overrides }));
  const result = synthesize(app);
  const gateway = result.components.find((c) => c.target === 'kcp-gateway' && c.component === 'pac-gateway');
  return { app, result, objects: (gateway?.objects ?? []) as any[] };
}

describe('PaC gateway in the kcp gateway workspace', () => {
  test('target kcp-gateway deploys to <serverURL>/clusters/<organization>:gateway; the chart depends on the compute chart', () => {
    const { app } = build();
    expect(app.targets.find((t) => t.name === 'kcp-gateway')).toEqual({
      name: 'kcp-gateway',
      kind: 'kcp-workspace',
      destination: { server: 'https://kcp.example.com/clusters/root:pipeline-service:gateway' },
    });
    expect(app.kcp!.pacGateway!.node.dependencies).toEqual([app.kcp!.compute]);
  });

  test('objects: Namespace, ConfigMap, Deployment, Service, Ingress, APIBinding', () => {
    const { objects } = build();
    expect(objects.map((o) => `${o.kind} ${o.metadata.name}`).sort()).toEqual([
      'APIBinding glbc',
      'ConfigMap pac-gateway-haproxy',
      'Deployment pac-gateway',
      'Ingress pac-gateway',
      'Namespace pac-gateway',
      'Service pac-gateway',
    ]);
    expect(only(objects, 'Namespace').metadata.labels).toMatchObject({ 'pod-security.kubernetes.io/enforce': 'restricted' });
  });

  test('haproxy.cfg parsed back: every header and /pac route goes to the PaC controller Service, every route ACL and backend exists', () => {
    const cfg = parseHaproxy(only(build().objects, 'ConfigMap').data['haproxy.cfg']);
    const webhooks = cfg.frontends.get('webhooks')!;
    expect(webhooks.binds).toEqual([':8080']);
    expect(webhooks.useBackends).toEqual([{ backend: PacGateway.PAC_BACKEND, acls: ['github-event', 'gitlab-event', 'bitbucket-event', 'pac-path'] }]);
    for (const [, f] of cfg.frontends) {
      for (const u of f.useBackends) {
        expect(cfg.backends).toContain(u.backend);
        for (const a of u.acls) expect(f.acls).toContain(a);
      }
      if (f.defaultBackend) expect(cfg.backends).toContain(f.defaultBackend);
    }
    const lines = (kind: string, name: string) => cfg.sections.find((s) => s.kind === kind && s.name === name)!.lines;
    for (const header of Object.values(GIT_PROVIDER_EVENT_HEADERS)) expect(lines('frontend', 'webhooks')).toContainEqual(expect.stringContaining(`req.hdr_cnt(${header}) gt 0`));
    expect(lines('frontend', 'webhooks')).toEqual(expect.arrayContaining(['acl pac-path path /pac', 'acl pac-path path_beg /pac/']));
    expect(lines('backend', PacGateway.PAC_BACKEND)).toEqual([
      'server pac-controller pipelines-as-code-controller.openshift-pipelines.svc.cluster.local:8080 resolvers cluster-dns init-addr last,libc,none',
    ]);
  });

  test('the PaC namespace, service and port come from config', () => {
    const text = only(build({ pacGateway: pacGateway({ pac: { namespace: 'pac', service: 'pac-ctrl', port: 9000 } }) }).objects, 'ConfigMap').data['haproxy.cfg'];
    expect(text).toContain('server pac-controller pac-ctrl.pac.svc.cluster.local:9000 ');
  });

  test('Deployment: HAProxy by digest, restricted, requests/limits, probes on the health port, config mounted, default ServiceAccount', () => {
    const dep = only(build().objects, 'Deployment');
    const pod = dep.spec.template.spec;
    const c = pod.containers[0];
    expect(c.image).toBe(HAPROXY_IMAGE);
    expect(c.args).toEqual(['haproxy', '-f', '/usr/local/etc/haproxy/haproxy.cfg']);
    expect(c.securityContext).toEqual({ runAsNonRoot: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } });
    expect(pod.securityContext).toEqual({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(c.resources).toEqual({ requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '200m', memory: '128Mi' } });
    expect(c.ports).toEqual([
      { name: 'http', containerPort: 8080, protocol: 'TCP' },
      { name: 'health', containerPort: 8081, protocol: 'TCP' },
    ]);
    expect(c.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'health', scheme: 'HTTP' });
    expect(c.readinessProbe.httpGet).toEqual({ path: '/healthz', port: 'health', scheme: 'HTTP' });
    expect(c.volumeMounts).toContainEqual({ name: 'config', mountPath: '/usr/local/etc/haproxy', readOnly: true });
    expect(pod.volumes).toContainEqual({ name: 'config', configMap: { name: 'pac-gateway-haproxy' } });
    expect(pod.serviceAccountName).toBeUndefined();
    expect(pod.automountServiceAccountToken).toBe(false);
  });

  test('runAsUser from config (for clusters that assign none)', () => {
    const dep = only(build({ pacGateway: pacGateway({ runAsUser: 99 }) }).objects, 'Deployment');
    expect(dep.spec.template.spec.securityContext.runAsUser).toBe(99);
  });

  test('Service 80 -> container port 8080 (by name), selecting the gateway pods', () => {
    const { objects } = build();
    const svc = only(objects, 'Service');
    expect(svc.spec.ports).toEqual([{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }]);
    expect(only(objects, 'Deployment').spec.template.metadata.labels).toMatchObject(svc.spec.selector);
  });

  test('Ingress (networking.k8s.io/v1): host from config, everything to the Service port 80', () => {
    const ing = only(build().objects, 'Ingress');
    expect(ing.apiVersion).toBe('networking.k8s.io/v1');
    expect(ing.metadata.namespace).toBe('pac-gateway');
    expect(ing.spec.rules).toEqual([
      { host: 'pac.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'pac-gateway', port: { number: 80 } } } }] } },
    ]);
  });

  test('APIBinding to the GLBC export (v0.11 shape), every claim accepted with its identity hash, bound before the Ingress', () => {
    const { objects } = build();
    const b = only(objects, 'APIBinding');
    expect(b.apiVersion).toBe('apis.kcp.io/v1alpha1');
    expect(b.spec).toEqual({
      reference: { export: { path: 'root:kuadrant', name: 'glbc-root-kuadrant' } },
      permissionClaims: [
        { group: '', resource: 'secrets', all: true, state: 'Accepted' },
        { group: '', resource: 'services', identityHash: HASH('1'), all: true, state: 'Accepted' },
        { group: 'apps', resource: 'deployments', identityHash: HASH('2'), all: true, state: 'Accepted' },
        { group: 'networking.k8s.io', resource: 'ingresses', identityHash: HASH('3'), all: true, state: 'Accepted' },
      ],
    });
    const wave = (o: any) => Number(o.metadata.annotations['argocd.argoproj.io/sync-wave']);
    expect(wave(b)).toBeLessThan(wave(only(objects, 'Ingress')));
  });

  test('an unresolved identity hash: no APIBinding, one warning naming the claims and the fix', () => {
    const claims = glbc.permissionClaims.map((c) => (c.identityHash ? { ...c, identityHash: UNRESOLVED_IDENTITY_HASH } : c));
    const { objects, result } = build({ pacGateway: pacGateway({ glbc: { ...glbc, permissionClaims: claims } }) });
    expect(objects.filter((o) => o.kind === 'APIBinding')).toEqual([]);
    expect(result.warnings.filter((w) => w.includes('pacGateway.glbc'))).toEqual([
      expect.stringContaining('identityHash of services, deployments.apps, ingresses.networking.k8s.io is unresolved, so the APIBinding to the GLBC export is not written'),
    ]);
  });

  test('the carrying cluster\'s SyncTarget, and only it, carries kuadrant.dev/synctarget=<name>', () => {
    const compute = build().result.components.find((c) => c.target === 'kcp-compute')!.objects as any[];
    const byName = new Map(compute.filter((o) => o.kind === 'SyncTarget').map((o) => [o.metadata.name, o]));
    expect(byName.size).toBe(2);
    expect(byName.get('cluster-b').metadata.labels[GLBC_SYNC_TARGET_LABEL]).toBe('cluster-b');
    expect(byName.get('cluster-a').metadata.labels[GLBC_SYNC_TARGET_LABEL]).toBeUndefined();
    expect(byName.get('cluster-a').metadata.labels.region).toBe('us-east-1');
  });

  test('gateway disabled: no target, no objects, no label', () => {
    const { app, result } = build({ pacGateway: pacGateway({ enabled: false }) });
    expect(app.targets.map((t) => t.name)).not.toContain('kcp-gateway');
    expect(app.kcp!.pacGateway).toBeUndefined();
    const compute = result.components.find((c) => c.target === 'kcp-compute')!.objects as any[];
    const syncTargets = compute.filter((o) => o.kind === 'SyncTarget');
    expect(syncTargets).toHaveLength(2);
    for (const st of syncTargets) expect(st.metadata.labels[GLBC_SYNC_TARGET_LABEL]).toBeUndefined();
  });

  test('cross-references hold (Service selector, Ingress backend), and a broken one is caught', () => {
    const { result } = build();
    const gw = result.components.filter((c) => c.target === 'kcp-gateway');
    expect(gw).toHaveLength(1);
    expect(checkCrossReferences(gw)).toEqual([]);
    const broken = gw.map((c) => ({
      ...c,
      objects: c.objects.map((o: any) =>
        o.kind === 'Ingress'
          ? { ...o, spec: { rules: [{ ...o.spec.rules[0], http: { paths: [{ ...o.spec.rules[0].http.paths[0], backend: { service: { name: 'pac-gateway', port: { number: 8080 } } } }] } }] } }
          : o.kind === 'Service'
            ? { ...o, spec: { ...o.spec, selector: { 'app.kubernetes.io/component': 'other' } } }
            : o,
      ),
    }));
    expect(checkCrossReferences(broken)).toEqual([
      'kcp-gateway/pac-gateway: Service pac-gateway/pac-gateway: selector app.kubernetes.io/component=other matches no Deployment\'s pod template labels in namespace pac-gateway',
      'kcp-gateway/pac-gateway: Ingress pac-gateway/pac-gateway: rules[0].http.paths[0] (pac.example.com/): Service "pac-gateway" has no port 8080 (it has http)',
    ]);
  });

  test('every gateway object passes the schema, policy and duplicate checks on its own', () => {
    const { objects } = build();
    const deployed = objects.map((object) => ({ file: `dist/test/kcp-gateway/pac-gateway/${object.kind}`, object, component: 'pac-gateway', target: 'kcp-gateway', destination: 'server:x' }));
    expect(deployed.length).toBe(6);
    expect(checkObjects(deployed).findings).toEqual([]);
  });

  test('snapshot', () => {
    expect(build().objects).toMatchSnapshot();
  });
});
