import { DEFAULT_RESOURCES_TO_SYNC, HAPROXY_IMAGE, parseEnvironment } from '../../src/config';
import { configProblems } from '../helpers';

const IMAGE = `ghcr.io/kcp-dev/kcp/syncer:v0.11.0@sha256:${'a'.repeat(64)}`;
const HASH = 'b'.repeat(64);
const base = {
  name: 'test',
  train: 'phase-1',
  git: { repoURL: 'https://github.com/example-org/manifests.git' },
  clusters: [
    { name: 'cluster-a', destination: { name: 'cluster-a' } },
    { name: 'cluster-b', destination: { name: 'cluster-b' } },
  ],
};
const kcp = (over: Record<string, unknown> = {}) => ({ serverURL: 'https://kcp.example.com', organization: 'root:pipeline-service', syncer: { image: IMAGE }, ...over });
const glbc = { exportPath: 'root:kuadrant', exportName: 'glbc', permissionClaims: [{ resource: 'secrets' }, { resource: 'services', identityHash: HASH }] };
const gateway = (over: Record<string, unknown> = {}) => ({ host: 'pac.example.com', cluster: 'cluster-b', glbc, ...over });

const problems = configProblems;

describe('pacGateway config', () => {
  test('absent: no gateway', () => {
    expect(parseEnvironment({ ...base, kcp: kcp() }).pacGateway).toBeUndefined();
  });

  test('defaults: workspace gateway, namespace, the pinned HAProxy, PaC on openshift-pipelines:8080', () => {
    const env = parseEnvironment({ ...base, kcp: kcp(), pacGateway: gateway() });
    expect(env.pacGateway).toEqual({
      enabled: true,
      workspace: 'gateway',
      namespace: 'pac-gateway',
      host: 'pac.example.com',
      image: HAPROXY_IMAGE,
      replicas: 1,
      resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '200m', memory: '128Mi' } },
      pac: { namespace: 'openshift-pipelines', service: 'pipelines-as-code-controller', port: 8080 },
      cluster: 'cluster-b',
      glbc: { ...glbc, bindingName: 'glbc', customHosts: false, permissionClaims: [{ group: '', resource: 'secrets' }, { group: '', resource: 'services', identityHash: HASH }] },
    });
    expect(HAPROXY_IMAGE).toMatch(/@sha256:[a-f0-9]{64}$/);
  });

  test('needs the kcp section', () => {
    expect(problems({ ...base, pacGateway: gateway() })).toEqual([
      'pacGateway: needs the top-level kcp section: the gateway lives in a kcp workspace and reaches its cluster through the syncer; add kcp, or set pacGateway.enabled to false',
    ]);
  });

  test('disabled: no kcp needed, nothing checked', () => {
    expect(parseEnvironment({ ...base, pacGateway: gateway({ enabled: false, cluster: 'nowhere' }) }).pacGateway?.enabled).toBe(false);
  });

  test('the carrying cluster must exist', () => {
    expect(problems({ ...base, kcp: kcp(), pacGateway: gateway({ cluster: 'cluster-z' }) })).toEqual([
      'pacGateway.cluster: "cluster-z" is not a cluster of this environment ("cluster-a", "cluster-b"): name the one workload cluster that carries the gateway',
    ]);
  });

  test('syncer resources: each missing deployments/services/ingresses is an error on kcp.syncer.resourcesToSync, not added silently', () => {
    const resourcesToSync = DEFAULT_RESOURCES_TO_SYNC.filter((r) => r !== 'services' && r !== 'ingresses.networking.k8s.io');
    expect(problems({ ...base, kcp: kcp({ syncer: { image: IMAGE, resourcesToSync } }), pacGateway: gateway() })).toEqual([
      'kcp.syncer.resourcesToSync: must include services while pacGateway is enabled: the syncer carries the gateway\'s Deployment, Service and Ingress to cluster "cluster-b"; add it, or set pacGateway.enabled to false',
      'kcp.syncer.resourcesToSync: must include ingresses.networking.k8s.io while pacGateway is enabled: the syncer carries the gateway\'s Deployment, Service and Ingress to cluster "cluster-b"; add it, or set pacGateway.enabled to false',
    ]);
    // The same list is fine without the gateway.
    expect(parseEnvironment({ ...base, kcp: kcp({ syncer: { image: IMAGE, resourcesToSync } }) }).kcp?.syncer.resourcesToSync).toEqual(resourcesToSync);
  });

  test('target name kcp-<workspace> must be free', () => {
    expect(problems({ ...base, kcp: kcp({ locations: [{ name: 'b', instanceSelector: { 'kuadrant.dev/synctarget': 'cluster-b' } }], consumers: [{ name: 'gateway', workspace: 'root:gw', locationSelector: { 'pipeline-service.openshift.io/location': 'b' } }] }), pacGateway: gateway() })).toEqual([
      'pacGateway.workspace: "gateway" gives Argo CD target "kcp-gateway", which the kcp consumer "gateway" already uses: choose another workspace name',
    ]);
    expect(problems({ ...base, kcp: kcp(), pacGateway: gateway({ workspace: 'compute' }) })).toEqual([
      'pacGateway.workspace: "compute" gives Argo CD target "kcp-compute", which the kcp compute workspace already uses: choose another workspace name',
    ]);
    const clusters = [...base.clusters, { name: 'kcp-gateway', destination: { name: 'x' } }];
    expect(problems({ ...base, clusters, kcp: kcp(), pacGateway: gateway() })).toEqual([
      'clusters[2].name: "kcp-gateway" is also the Argo CD target of the PaC gateway workspace: rename the cluster',
    ]);
  });

  test('GLBC values: required, identity hashes are 64 hex digits or "unresolved", image by digest, host a DNS name', () => {
    const { glbc: _omit, ...noGlbc } = gateway();
    expect(problems({ ...base, kcp: kcp(), pacGateway: noGlbc })).toEqual(['pacGateway.glbc: is required (object)']);
    expect(
      problems({
        ...base,
        kcp: kcp(),
        pacGateway: gateway({
          host: 'Not A Host',
          image: 'haproxy:2.8',
          glbc: { ...glbc, permissionClaims: [{ resource: 'services', identityHash: 'abc' }] },
        }),
      }),
    ).toEqual([
      "pacGateway.host: must be a DNS-1123 subdomain: lower-case letters, digits, '-' and '.'",
      'pacGateway.image: must name its registry (e.g. docker.io/library/haproxy, not haproxy): a short name is resolved per node',
      'pacGateway.glbc.permissionClaims[0].identityHash: must be the export\'s identityHash (64 lower-case hex digits, from the export\'s status.identityHash), or "unresolved" until it is known',
    ]);
    expect(problems({ ...base, kcp: kcp(), pacGateway: gateway({ glbc: { ...glbc, permissionClaims: [] } }) })).toEqual([
      'pacGateway.glbc.permissionClaims: must list the permission claims of the GLBC export (secrets, services, deployments, ingresses)',
    ]);
  });
});
