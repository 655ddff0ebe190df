import { cli, expectRejected, readTree, tempDir, writeTemp } from './cli-helpers';

const IMAGE = `quay.io/redhat-appstudio/sprayproxy:c6f8bf26007c140d51326760e16eb52ae5072e3b@sha256:${'a'.repeat(64)}`;
const route = (c: string) => `pacRoute: https://pac.${c}.example.com`;
/** A successor-design environment (train current, no kcp) as YAML, the proxy on a host cluster. */
const env = (clusters: string[], proxyExtra = '', tail = '') =>
  [
    'name: ci',
    'train: current',
    'git: { repoURL: "https://github.com/example-org/m.git" }',
    'clusters:',
    ...clusters.map((c) => `  - ${c}`),
    'webhookProxy:',
    `  image: "${IMAGE}"`,
    '  host: webhooks.example.com',
    '  hostCluster: { name: host, destination: { name: host } }',
    proxyExtra,
    tail,
  ].join('\n') + '\n';

describe('webhookProxy bad input through the CLI: exit 1, one line naming the field, nothing written', () => {
  test('the valid base synthesizes, with one backend per cluster', () => {
    const out = tempDir();
    const r = cli('synth', '--config', writeTemp('ok.yaml', env([`{ name: a, destination: { name: a }, ${route('a')} }`, `{ name: b, destination: { name: b }, ${route('b')} }`])), '--outdir', out);
    expect(r.code).toBe(0);
    const deployment = readTree(out)['dist/ci/host/webhook-proxy/deployment_sprayproxy_sprayproxy.yaml'];
    expect(deployment).toContain('--backend=https://pac.a.example.com\n');
    expect(deployment).toContain('--backend=https://pac.b.example.com\n');
  });

  test('a member cluster without a PaC route', () =>
    expectRejected(env([`{ name: a, destination: { name: a }, ${route('a')} }`, '{ name: b, destination: { name: b } }']), [
      "clusters[1].pacRoute: is missing: webhookProxy forwards every webhook to each member cluster's PaC, so each needs its route (https://<PaC controller route host>, e.g. https://pipelines-as-code-controller-openshift-pipelines.apps.<cluster domain>)",
    ]));

  test('a PaC route with a path SprayProxy would drop', () =>
    expectRejected(env(['{ name: a, destination: { name: a }, pacRoute: "https://pac.a.example.com/hooks" }']), [
      "clusters[0].pacRoute: must be only https://<host>[:port], without path, query or fragment: SprayProxy forwards each request to the backend's scheme and host with the path it came with",
    ]));

  test('an image by tag only', () =>
    expectRejected(env([`{ name: a, destination: { name: a }, ${route('a')} }`]).replace(`@sha256:${'a'.repeat(64)}`, ''), [
      'webhookProxy.image: must be pinned by digest: <registry>/<repository>[:tag]@sha256:<64 hex digits> (a tag alone can change under you)',
    ]));

  test('in a kcp environment', () =>
    expectRejected(
      env(
        ['{ name: a, destination: { name: a }, labels: { region: east } }'],
        '',
        [
          'kcp:',
          '  serverURL: https://kcp.example.com',
          '  organization: root:ps',
          `  syncer: { image: "ghcr.io/kcp-dev/kcp/syncer:v0.11.0@sha256:${'a'.repeat(64)}" }`,
          '  locations: [{ name: east, instanceSelector: { region: east } }]',
          '  consumers: [{ name: c, workspace: "root:c", locationSelector: { pipeline-service.openshift.io/location: east } }]',
        ].join('\n'),
      ).replace('train: current', 'train: phase-1'),
      ["webhookProxy: is the successor design's webhook fan-out (no kcp); with kcp, PaC webhooks go through pacGateway: remove webhookProxy or kcp"],
    ));
});
