import { EnvironmentApp } from '../../src/charts/environment-app';
import { GLBC_SYNC_TARGET_LABEL } from '../../src/charts/kcp-compute-chart';
import { EnvironmentInput, HAPROXY_IMAGE, PAC_GATEWAY_LOCATION, UNRESOLVED_IDENTITY_HASH } from '../../src/config';
import { GIT_PROVIDER_EVENT_HEADERS, NAMESPACE_NAME_LABEL, PacGateway } from '../../src/constructs/pac-gateway';
import { matchesLabels } from '../../src/lib/label-selector';
import { syncTargetNameFor } from '../../src/lib/kcp-names';
import { checkCrossReferences } from '../../src/synth/cross-references';
import { synthesize } from '../../src/synth/manifests';
import { synthEnvironment } from '../../src/synth/environment';
import { parse as parseYaml } from 'yaml';
import { checkObjects } from '../../src/validate';
import { configProblems, fixtureEnvironment, ofKind, only, testEnvironment } from '../helpers';
import { parseHaproxy, routeOf } from '../lib/haproxy-parse';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pacCarryingClusters, parseEnvironment } from '../../src/config';

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
  const compute = (result.components.find((c) => c.target === 'kcp-compute' && c.component === 'compute')?.objects ?? []) as any[];
  return { app, result, objects: (gateway?.objects ?? []) as any[], compute };
}

const wave = (o: any) => Number(o.metadata.annotations['argocd.argoproj.io/sync-wave']);

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

  test('objects: Namespace, ConfigMap, Deployment, Service, Ingress, APIBindings to compute and GLBC, Placement', () => {
    const { objects } = build();
    expect(objects.map((o) => `${o.kind} ${o.metadata.name}`).sort()).toEqual([
      'APIBinding compute',
      'APIBinding glbc',
      'ConfigMap pac-gateway-haproxy',
      'Deployment pac-gateway',
      'Ingress pac-gateway',
      'Namespace pac-gateway',
      'Placement pac-gateway',
      'Service pac-gateway',
    ]);
    expect(only(objects, 'Namespace').metadata.labels).toMatchObject({ 'pod-security.kubernetes.io/enforce': 'restricted' });
  });

  test('haproxy.cfg parsed back: every header and /pac route goes to the PaC controller Service, every route ACL and backend exists', () => {
    const cfg = parseHaproxy(only(build().objects, 'ConfigMap').data['haproxy.cfg']);
    const webhooks = cfg.frontends.get('webhooks')!;
    expect(webhooks.binds).toEqual([':8080']);
    expect(webhooks.useBackends.map((u) => ({ backend: u.backend, acls: u.acls }))).toEqual([{ backend: 'pac-cluster-b', acls: ['github-event', 'gitlab-event', 'bitbucket-event', 'pac-path'] }]);
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
    expect(lines('backend', PacGateway.pacBackend('cluster-b'))).toEqual([
      'server pac-controller pipelines-as-code-controller.openshift-pipelines.svc.cluster.local:8080 resolvers cluster-dns init-addr last,libc,none',
    ]);
  });

  test('routing parsed back: each event header alone, or the /pac path, reaches PaC; nothing else does (an OR, never an AND)', () => {
    const webhooks = parseHaproxy(only(build().objects, 'ConfigMap').data['haproxy.cfg']).frontends.get('webhooks')!;
    for (const header of Object.values(GIT_PROVIDER_EVENT_HEADERS)) {
      expect(routeOf(webhooks, { headers: [header], path: '/' })).toBe('pac-cluster-b');
      expect(routeOf(webhooks, { headers: [header.toLowerCase(), 'Content-Type'], path: '/hooks' })).toBe('pac-cluster-b');
    }
    expect(routeOf(webhooks, { headers: [], path: '/pac' })).toBe('pac-cluster-b');
    expect(routeOf(webhooks, { headers: [], path: '/pac/x' })).toBe('pac-cluster-b');
    expect(routeOf(webhooks, { headers: ['Content-Type'], path: '/' })).toBe('not-found');
    expect(routeOf(webhooks, { headers: [], path: '/pacman' })).toBe('not-found');
  });

  test('the evaluator tells an OR from an AND: the same ACLs joined without || route no single-header request', () => {
    const text = only(build().objects, 'ConfigMap').data['haproxy.cfg'] as string;
    const anded = text.replace(/ \|\| /g, ' ');
    expect(anded).not.toBe(text);
    const webhooks = parseHaproxy(anded).frontends.get('webhooks')!;
    for (const header of Object.values(GIT_PROVIDER_EVENT_HEADERS)) expect(routeOf(webhooks, { headers: [header], path: '/' })).toBe('not-found');
  });

  test('every PaC-carrying cluster (where consumers can be placed, PaC on) has a backend with a server', () => {
    const input = {
      kcp: { ...kcp, locations: [{ name: 'b', instanceSelector: { [GLBC_SYNC_TARGET_LABEL]: 'cluster-b' } }], consumers: [{ name: 'c', workspace: 'root:c', locationSelector: { 'pipeline-service.openshift.io/location': 'b' } }] },
    };
    const env = testEnvironment({ clusters, pacGateway: pacGateway(), ...input });
    const carrying = pacCarryingClusters(env);
    expect(carrying).toEqual(['cluster-b']);
    const cfg = parseHaproxy(only(build(input).objects, 'ConfigMap').data['haproxy.cfg']);
    for (const c of carrying) {
      const backend = cfg.sections.find((s) => s.kind === 'backend' && s.name === `pac-${c}`);
      expect(backend?.lines.filter((l) => l.startsWith('server '))).toHaveLength(1);
      expect(cfg.frontends.get('webhooks')!.useBackends.map((u) => u.backend)).toContain(`pac-${c}`);
    }
  });

  test('single-cluster mode: a consumer that could be placed on a cluster other than pacGateway.cluster is refused', () => {
    const input = (instanceSelector: Record<string, string>, enable = true) => ({
      name: 'test',
      train: 'phase-1',
      git: { repoURL: 'https://github.com/example-org/m.git' },
      kcp: { ...kcp, locations: [{ name: 'x', instanceSelector }], consumers: [{ name: 'c', workspace: 'root:c', locationSelector: { 'pipeline-service.openshift.io/location': 'x' } }] },
      pacGateway: pacGateway(),
      tektonConfig: { pipelinesAsCode: { enable } },
      clusters: [
        { name: 'cluster-a', destination: { name: 'a' }, labels: { pool: 'ci' } },
        { name: 'cluster-b', destination: { name: 'b' }, labels: { pool: 'ci' } },
      ],
    });
    expect(configProblems(input({ pool: 'ci' }))).toEqual([
      'kcp.consumers[0].locationSelector: places namespaces on "cluster-a", but PaC webhooks reach only "cluster-b" (pacGateway.cluster): Repositories there would never see an event; select Locations holding only that cluster, or turn PaC off (tektonConfig.pipelinesAsCode.enable)',
    ]);
    expect(() => parseEnvironment(input({ [GLBC_SYNC_TARGET_LABEL]: 'cluster-b' }))).not.toThrow();
    expect(() => parseEnvironment(input({ pool: 'ci' }, false))).not.toThrow();
  });

  test('haproxy -c accepts the rendered configuration', () => {
    const dir = mkdtempSync(join(tmpdir(), 'haproxy-'));
    try {
      const file = join(dir, 'haproxy.cfg');
      writeFileSync(file, only(build().objects, 'ConfigMap').data['haproxy.cfg']);
      expect(execFileSync('haproxy', ['-c', '-f', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })).toMatch(/Configuration file is valid/);
      // And refuses a broken one, so the check is real.
      writeFileSync(file, 'frontend f\n  bind :8080\n  use_backend missing if TRUE\n');
      expect(() => execFileSync('haproxy', ['-c', '-f', file], { stdio: 'pipe' })).toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('no wave waits on the kcp-side Deployment (kcp shows it no status): its Application goes last, and inside it nothing follows the Deployment', () => {
    const withResults = { tektonResults: { images: { api: `registry.example.com/r/api@sha256:${'1'.repeat(64)}`, watcher: `registry.example.com/r/w@sha256:${'2'.repeat(64)}` }, database: { secretName: 'db' }, tlsSecretName: 'tls' } } as Partial<EnvironmentInput>;
    const out = synthEnvironment(testEnvironment({ kcp, clusters, pacGateway: pacGateway(), ...withResults }));
    const apps = [...out.argocdFiles].filter(([p]) => p.includes('/apps/application_')).map(([, text]) => parseYaml(text));
    const appWave = (a: any) => Number(a.metadata.annotations['argocd.argoproj.io/sync-wave']);
    const gateway = apps.find((a) => a.metadata.labels['pipeline-service.openshift.io/component'] === 'pac-gateway' || a.metadata.name.endsWith('kcp-gateway-pac-gateway'));
    expect(gateway).toBeDefined();
    const others = apps.filter((a) => a !== gateway);
    expect(others.length).toBeGreaterThan(0);
    for (const a of others) expect(appWave(a)).toBeLessThan(appWave(gateway));
    const { objects } = build();
    const deployment = only(objects, 'Deployment');
    for (const o of objects) expect(wave(o)).toBeLessThanOrEqual(wave(deployment));
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
    const b = ofKind(objects, 'APIBinding').find((o) => o.metadata.name === 'glbc');
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
    expect(wave(b)).toBeLessThan(wave(only(objects, 'Ingress')));
  });

  test('an unresolved identity hash: no APIBinding, one warning naming the claims and the fix', () => {
    const claims = glbc.permissionClaims.map((c) => (c.identityHash ? { ...c, identityHash: UNRESOLVED_IDENTITY_HASH } : c));
    const { objects, result } = build({ pacGateway: pacGateway({ glbc: { ...glbc, permissionClaims: claims } }) });
    expect(objects.filter((o) => o.kind === 'APIBinding').map((o) => o.metadata.name)).toEqual(['compute']);
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
    expect(compute.filter((o) => o.kind === 'Location')).toEqual([]);
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
    expect(deployed.length).toBe(8);
    expect(checkObjects(deployed).findings).toEqual([]);
  });

  test('APIBinding `compute` to the compute workspace\'s `kubernetes` export, before every workload, which skips the dry run', () => {
    const { objects } = build();
    const b = ofKind(objects, 'APIBinding').find((o) => o.metadata.name === 'compute');
    expect(b.spec).toEqual({ reference: { export: { path: 'root:pipeline-service:compute', name: 'kubernetes' } } });
    expect(b.spec.permissionClaims).toBeUndefined();
    // Deployments, Services and Ingresses exist in a kcp workspace only through that binding.
    for (const kind of ['Deployment', 'Service', 'Ingress']) {
      const o = only(objects, kind);
      expect(wave(b)).toBeLessThan(wave(o));
      expect(o.metadata.annotations['argocd.argoproj.io/sync-options'].split(',')).toContain('SkipDryRunOnMissingResource=true');
    }
    const glbcBinding = ofKind(objects, 'APIBinding').find((o) => o.metadata.name === 'glbc');
    expect(wave(b)).toBeLessThan(wave(glbcBinding));
  });

  test('compute workspace: Location pac-gateway selects the carrying cluster\'s SyncTarget and no other cluster\'s', () => {
    const { compute } = build();
    const loc = only(compute, 'Location');
    expect(loc.apiVersion).toBe('scheduling.kcp.io/v1alpha1');
    expect(loc.metadata.name).toBe('pac-gateway');
    expect(loc.metadata.labels).toMatchObject(PAC_GATEWAY_LOCATION.labels);
    expect(loc.spec.resource).toEqual({ group: 'workload.kcp.io', resource: 'synctargets', version: 'v1alpha1' });
    expect(loc.spec.instanceSelector).toEqual({ matchLabels: { [GLBC_SYNC_TARGET_LABEL]: 'cluster-b' } });
    const syncTargets = ofKind(compute, 'SyncTarget');
    expect(syncTargets).toHaveLength(2);
    const selected = syncTargets.filter((st) => matchesLabels(loc.spec.instanceSelector.matchLabels, st.metadata.labels));
    expect(selected.map((st) => st.metadata.name)).toEqual(['cluster-b']);
    expect(compute.filter((o) => o.kind === 'Location' && o.metadata.name === 'default')).toEqual([]);
  });

  test('a carrying cluster with a long name: the Location selects its hashed SyncTarget name', () => {
    const long = 'pipeline-service-production-workload-euwest1';
    const { compute } = build({
      clusters: [...clusters, { name: long, destination: { name: 'long' } }],
      pacGateway: pacGateway({ cluster: long }),
    });
    const loc = only(compute, 'Location');
    const stName = syncTargetNameFor(long);
    expect(stName).not.toBe(long);
    expect(loc.spec.instanceSelector.matchLabels).toEqual({ [GLBC_SYNC_TARGET_LABEL]: stName });
    const selected = ofKind(compute, 'SyncTarget').filter((st) => matchesLabels(loc.spec.instanceSelector.matchLabels, st.metadata.labels));
    expect(selected.map((st) => st.metadata.name)).toEqual([stName]);
  });

  test('gateway workspace: Placement on that Location (compute workspace, synctargets), for the gateway namespace only', () => {
    const { objects, compute } = build();
    const p = only(objects, 'Placement');
    expect(p.apiVersion).toBe('scheduling.kcp.io/v1alpha1');
    expect(p.metadata.name).toBe('pac-gateway');
    expect(p.spec.locationWorkspace).toBe('root:pipeline-service:compute');
    expect(p.spec.locationResource).toEqual({ group: 'workload.kcp.io', resource: 'synctargets', version: 'v1alpha1' });
    const loc = only(compute, 'Location');
    expect(p.spec.locationSelectors).toHaveLength(1);
    expect(matchesLabels(p.spec.locationSelectors[0].matchLabels, loc.metadata.labels)).toBe(true);
    // kcp's own Location `default` carries no labels: the selector must not match an unlabelled Location.
    expect(matchesLabels(p.spec.locationSelectors[0].matchLabels, {})).toBe(false);
    const ns = only(objects, 'Namespace');
    expect(p.spec.namespaceSelector).toEqual({ matchLabels: { [NAMESPACE_NAME_LABEL]: 'pac-gateway' } });
    expect(matchesLabels(p.spec.namespaceSelector.matchLabels, ns.metadata.labels)).toBe(true);
    expect(matchesLabels(p.spec.namespaceSelector.matchLabels, { [NAMESPACE_NAME_LABEL]: 'default' })).toBe(false);
    expect(wave(p)).toBeLessThan(wave(only(objects, 'Deployment')));
  });

  test('cross-references: a Location selecting no SyncTarget, a Placement selecting no Namespace, are caught', () => {
    const { result } = build();
    const kcpComponents = result.components.filter((c) => c.target === 'kcp-gateway' || c.target === 'kcp-compute');
    expect(kcpComponents).toHaveLength(2);
    expect(checkCrossReferences(kcpComponents)).toEqual([]);
    const broken = kcpComponents.map((c) => ({
      ...c,
      objects: c.objects.map((o: any) =>
        o.kind === 'Location'
          ? { ...o, spec: { ...o.spec, instanceSelector: { matchLabels: { [GLBC_SYNC_TARGET_LABEL]: 'cluster-z' } } } }
          : o.kind === 'Placement'
            ? { ...o, spec: { ...o.spec, namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: 'other' } } } }
            : o,
      ),
    }));
    expect(checkCrossReferences(broken)).toEqual([
      'kcp-compute/compute: Location pac-gateway: instanceSelector kuadrant.dev/synctarget=cluster-z matches no SyncTarget in this workspace\'s output',
      'kcp-gateway/pac-gateway: Placement pac-gateway: namespaceSelector kubernetes.io/metadata.name=other matches no Namespace in this workspace\'s output',
    ]);
  });

  test('the AppProject allow-lists Location and Placement (derived from the objects), and each kind\'s app deploys it', () => {
    const out = synthEnvironment(testEnvironment({ kcp, clusters, pacGateway: pacGateway() }));
    const projectFile = [...out.argocdFiles].find(([path]) => path.includes('/apps/appproject_'));
    expect(projectFile).toBeDefined();
    const project = parseYaml(projectFile![1]);
    expect(project.spec.clusterResourceWhitelist).toEqual(
      expect.arrayContaining([
        { group: 'scheduling.kcp.io', kind: 'Location' },
        { group: 'scheduling.kcp.io', kind: 'Placement' },
        { group: 'apis.kcp.io', kind: 'APIBinding' },
      ]),
    );
    expect([...out.files.keys()]).toEqual(
      expect.arrayContaining(['test/kcp-compute/compute/location_pac-gateway.yaml', 'test/kcp-gateway/pac-gateway/placement_pac-gateway.yaml', 'test/kcp-gateway/pac-gateway/apibinding_compute.yaml']),
    );
  });

  test('snapshot', () => {
    const { objects, compute } = build();
    expect(objects).toMatchSnapshot();
    expect(only(compute, 'Location')).toMatchSnapshot('compute Location');
  });
});

describe('the GLBC binding of environments as shipped (fixtures dev, prod)', () => {
  const shipped = () => [fixtureEnvironment('dev'), fixtureEnvironment('prod')];

  test('carries the compute export\'s identity hash as a per-environment input: the placeholder is warned about', () => {
    for (const env of shipped()) {
      const claims = env.pacGateway!.glbc.permissionClaims;
      expect(claims.filter((c) => c.identityHash !== undefined).map((c) => c.identityHash)).toEqual([UNRESOLVED_IDENTITY_HASH, UNRESOLVED_IDENTITY_HASH, UNRESOLVED_IDENTITY_HASH]);
      const result = synthesize(new EnvironmentApp(parseEnvironment(env)));
      expect(result.warnings.filter((w) => w.includes('pacGateway.glbc.permissionClaims: identityHash of services, deployments.apps, ingresses.networking.k8s.io is unresolved'))).toHaveLength(1);
    }
  });

  test('with a real hash filled in, renders an APIBinding that passes the schema and policy checks', () => {
    for (const env of shipped()) {
      const resolved = {
        ...env,
        pacGateway: { ...env.pacGateway!, glbc: { ...env.pacGateway!.glbc, permissionClaims: env.pacGateway!.glbc.permissionClaims.map((c) => (c.identityHash ? { ...c, identityHash: HASH('e') } : c)) } },
      };
      const result = synthesize(new EnvironmentApp(parseEnvironment(resolved)));
      const gateway = result.components.find((c) => c.component === 'pac-gateway')!.objects as any[];
      const binding = ofKind(gateway, 'APIBinding').find((b) => b.metadata.name === 'glbc');
      expect(binding.spec.reference.export).toEqual({ path: 'root:kuadrant', name: 'glbc-root-kuadrant' });
      expect(binding.spec.permissionClaims.filter((c: any) => c.identityHash === HASH('e'))).toHaveLength(3);
      expect(checkObjects([{ file: 'dist/x/kcp-gateway/pac-gateway/apibinding_glbc.yaml', object: binding, component: 'pac-gateway', target: 'kcp-gateway', destination: 'server:x' }]).findings).toEqual([]);
      expect(result.warnings.filter((w) => w.includes('glbc'))).toEqual([]);
    }
  });
});
