import { EnvironmentInput, parseEnvironment, webhookProxyBackends, webhookProxyTarget } from '../../src/config';
import { configProblems, fixtureEnvironment } from '../helpers';

const IMAGE = `quay.io/redhat-appstudio/sprayproxy:c6f8bf26007c140d51326760e16eb52ae5072e3b@sha256:${'a'.repeat(64)}`;
const route = (c: string) => `https://pipelines-as-code-controller-openshift-pipelines.apps.${c}.example.com`;
/** `pacRoute` null: none. */
const cluster = (name: string, pacRoute: string | null = route(name)) => ({ name, destination: { name }, ...(pacRoute === null ? {} : { pacRoute }) });
const proxy = (over: Record<string, unknown> = {}) => ({ image: IMAGE, hostCluster: { name: 'host', destination: { name: 'host' } }, host: 'webhooks.example.com', ...over });
/** A successor-design environment (train current, no kcp) with the proxy on a host cluster. */
const env = (over: Partial<EnvironmentInput> = {}): EnvironmentInput => ({
  name: 'succ',
  train: 'current',
  git: { repoURL: 'https://github.com/example-org/manifests.git' },
  clusters: [cluster('member-b'), cluster('member-a')],
  webhookProxy: proxy(),
  ...over,
});

describe('webhookProxy config', () => {
  test('absent: none, and pacRoute alone is accepted', () => {
    expect(parseEnvironment(env({ webhookProxy: undefined })).webhookProxy).toBeUndefined();
  });

  test('defaults: namespace sprayproxy, PaC\'s secret and key, 25 MiB, 15s, upstream resources, the NetworkPolicy', () => {
    const p = parseEnvironment(env()).webhookProxy!;
    expect(p).toEqual({
      image: IMAGE,
      hostCluster: { name: 'host', destination: { name: 'host' } },
      host: 'webhooks.example.com',
      namespace: 'sprayproxy',
      webhookSecret: { name: 'pipelines-as-code-secret', key: 'webhook.secret' },
      maxRequestBytes: 26214400,
      forwardTimeout: '15s',
      replicas: 1,
      resources: { requests: { cpu: '5m', memory: '64Mi' }, limits: { cpu: '500m', memory: '384Mi' } },
      networkPolicy: true,
    });
    expect(webhookProxyTarget(p)).toBe('host');
  });

  test('the image is required and must be pinned by digest', () => {
    const { image: _, ...noImage } = proxy();
    expect(configProblems(env({ webhookProxy: noImage as never }))).toEqual(['webhookProxy.image: is required (string)']);
    expect(configProblems(env({ webhookProxy: proxy({ image: 'quay.io/redhat-appstudio/sprayproxy:c6f8bf26' }) }))[0]).toMatch(/^webhookProxy\.image: must be pinned by digest/);
  });

  test('the webhook secret is a reference: a value has no field to go in', () => {
    expect(configProblems(env({ webhookProxy: proxy({ webhookSecret: { name: 's', key: 'k', value: 'hunter2' } }) }))).toEqual(['webhookProxy.webhookSecret.value: unknown field']);
  });

  test('the webhook secret may come from an ExternalSecret: store reference, key, defaults', () => {
    const p = parseEnvironment(env({ webhookProxy: proxy({ webhookSecret: { externalSecret: { storeRef: { name: 'vault' }, remoteKey: 'ps/github-app' } } }) })).webhookProxy!;
    expect(p.webhookSecret).toEqual({
      name: 'pipelines-as-code-secret',
      key: 'webhook.secret',
      externalSecret: { storeRef: { name: 'vault', kind: 'ClusterSecretStore' }, remoteKey: 'ps/github-app', refreshInterval: '1h' },
    });
  });

  test('backends: every member cluster\'s route origin, sorted', () => {
    const config = parseEnvironment(env({ clusters: [cluster('member-b'), cluster('member-a', 'https://PaC.Member-A.example.com/')] }));
    expect(webhookProxyBackends(config.clusters)).toEqual(['https://pac.member-a.example.com', route('member-b')]);
  });

  test('a cluster without pacRoute: one line naming clusters[i].pacRoute', () => {
    expect(configProblems(env({ clusters: [cluster('member-a'), cluster('member-b', null)] }))).toEqual([
      "clusters[1].pacRoute: is missing: webhookProxy forwards every webhook to each member cluster's PaC, so each needs its route (https://<PaC controller route host>, e.g. https://pipelines-as-code-controller-openshift-pipelines.apps.<cluster domain>)",
    ]);
  });

  test('the successor environment as shipped (fixture): adding a cluster without a route is refused on that cluster', () => {
    const successor = fixtureEnvironment('successor');
    expect(successor.webhookProxy).toBeDefined();
    const clusters = [...successor.clusters, { name: 'successor-member-new', destination: { name: 'pipeline-service-successor-member-new' } }];
    expect(configProblems({ ...successor, clusters })).toEqual([expect.stringMatching(new RegExp(`^clusters\\[${clusters.length - 1}\\]\\.pacRoute: is missing: `))]);
  });

  test('two clusters with the same route: the second is refused (SprayProxy keys backends by URL)', () => {
    expect(configProblems(env({ clusters: [cluster('member-a', 'https://pac.example.com'), cluster('member-b', 'https://PAC.example.com/')] }))).toEqual([
      "clusters[1].pacRoute: is also clusters[0].pacRoute: each member cluster's PaC has its own route, and SprayProxy sends each backend one copy",
    ]);
  });

  test.each([
    ['http://pac.example.com', 'must use https, not http'],
    ['https://pac.example.com/hooks', 'must be only https://<host>[:port], without path, query or fragment'],
    ['https://pac.example.com/?a=b', 'must be only https://<host>[:port], without path, query or fragment'],
    ['https://pac.example.com#x', 'must be only https://<host>[:port], without path, query or fragment'],
    ['https://user:pw@pac.example.com', 'must not hold credentials'],
    ['pac.example.com', 'must be a URL starting with https://'],
  ])('pacRoute %s is refused: %s', (value, message) => {
    const problems = configProblems(env({ clusters: [cluster('member-a', value)] }));
    expect(problems).toHaveLength(1);
    expect(problems[0].startsWith(`clusters[0].pacRoute: ${message}`)).toBe(true);
  });

  test('a port on the route is kept', () => {
    expect(webhookProxyBackends(parseEnvironment(env({ clusters: [cluster('member-a', 'https://pac.example.com:8443')] })).clusters)).toEqual(['https://pac.example.com:8443']);
  });

  test('exactly one of cluster or hostCluster', () => {
    const msg = 'webhookProxy: must name exactly one of cluster (a member cluster it runs on) or hostCluster (a cluster of its own: name and destination)';
    expect(configProblems(env({ webhookProxy: proxy({ hostCluster: undefined }) }))).toEqual([msg]);
    expect(configProblems(env({ webhookProxy: proxy({ cluster: 'member-a' }) }))).toEqual([msg]);
  });

  test('cluster: must be a member; then its target is that cluster', () => {
    const onMember = proxy({ hostCluster: undefined, cluster: 'member-a' });
    expect(webhookProxyTarget(parseEnvironment(env({ webhookProxy: onMember })).webhookProxy!)).toBe('member-a');
    expect(configProblems(env({ webhookProxy: proxy({ hostCluster: undefined, cluster: 'member-z' }) }))).toEqual([
      'webhookProxy.cluster: "member-z" is not a cluster of this environment ("member-b", "member-a"); name one, or use hostCluster',
    ]);
  });

  test('hostCluster: neither a member\'s name nor its destination', () => {
    expect(configProblems(env({ webhookProxy: proxy({ hostCluster: { name: 'member-a', destination: { name: 'elsewhere' } } }) }))).toEqual([
      'webhookProxy.hostCluster.name: "member-a" is also clusters[1].name: use webhookProxy.cluster to run on that member, or another name',
    ]);
    expect(configProblems(env({ webhookProxy: proxy({ hostCluster: { name: 'host', destination: { name: 'member-b' } } }) }))).toEqual([
      'webhookProxy.hostCluster.destination: is also the destination of clusters[0]: use webhookProxy.cluster: member-b instead',
    ]);
  });

  test('hostCluster.name: as long as its Argo CD application name allows, reported on that field', () => {
    const fits = 'h'.repeat(44);
    // succ-<44>-webhook-proxy is 63 characters.
    expect(parseEnvironment(env({ webhookProxy: proxy({ hostCluster: { name: fits, destination: { name: 'host' } } }) })).webhookProxy!.hostCluster!.name).toBe(fits);
    expect(configProblems(env({ webhookProxy: proxy({ hostCluster: { name: `${fits}h`, destination: { name: 'host' } } }) }))).toEqual([
      `webhookProxy.hostCluster.name: has 45 characters, at most 44 fit here: it names the Argo CD application "succ-${fits}h-webhook-proxy" (64 characters), and Argo CD application names must be at most 63 (a label value); shorten it or the environment name`,
    ]);
  });

  test('PaC turned off: the proxy would forward to nothing', () => {
    expect(configProblems(env({ tektonConfig: { pipelinesAsCode: { enable: false } } }))).toEqual([
      'webhookProxy: forwards webhooks to Pipelines-as-Code, which tektonConfig.pipelinesAsCode.enable turns off: turn PaC on, or remove webhookProxy',
    ]);
  });

  test('a kcp environment refuses the section and the routes, one line each', () => {
    const kcp = {
      serverURL: 'https://kcp.example.com',
      organization: 'root:ps',
      syncer: { image: `ghcr.io/kcp-dev/kcp/syncer:v0.11.0@sha256:${'a'.repeat(64)}` },
      locations: [{ name: 'east', instanceSelector: { region: 'east' } }],
      consumers: [{ name: 'c', workspace: 'root:c', locationSelector: { 'pipeline-service.openshift.io/location': 'east' } }],
    };
    const clusters = [{ ...cluster('member-a'), labels: { region: 'east' } }];
    expect(configProblems(env({ train: 'phase-1', kcp, clusters }))).toEqual([
      "webhookProxy: is the successor design's webhook fan-out (no kcp); with kcp, PaC webhooks go through pacGateway: remove webhookProxy or kcp",
      'clusters[0].pacRoute: is read only by webhookProxy, which a kcp environment cannot have: remove it',
    ]);
  });
});
