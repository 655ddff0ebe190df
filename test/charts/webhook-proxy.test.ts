import { parse as parseYaml } from 'yaml';
import { EnvironmentApp } from '../../src/charts/environment-app';
import { EnvironmentInput, UNRESOLVED_DIGEST, expectedApplications, parseEnvironment } from '../../src/config';
import { synthEnvironment } from '../../src/synth/environment';
import { checkObjects } from '../../src/validate';
import { fixtureEnvironment } from '../helpers';

const IMAGE = `quay.io/redhat-appstudio/sprayproxy:c6f8bf26007c140d51326760e16eb52ae5072e3b@sha256:${'a'.repeat(64)}`;
const successor = fixtureEnvironment('successor');
const withImage = (input: EnvironmentInput, image = IMAGE): EnvironmentInput => ({ ...input, webhookProxy: { ...input.webhookProxy!, image } });

function deploymentOf(files: ReadonlyMap<string, string>, target: string) {
  const path = [...files.keys()].find((p) => p.endsWith(`${successor.name}/${target}/webhook-proxy/deployment_sprayproxy_sprayproxy.yaml`));
  expect(path).toBeDefined();
  return parseYaml(files.get(path!)!);
}

describe('webhook-proxy component in an environment', () => {
  test('the shipped successor: backends are exactly every member cluster\'s PaC route', () => {
    const config = parseEnvironment(successor);
    const routes = config.clusters.map((c) => c.pacRoute);
    expect(routes.length).toBeGreaterThan(0);
    expect(routes.every((r) => typeof r === 'string')).toBe(true);
    const out = synthEnvironment(config);
    const args: string[] = deploymentOf(out.files, config.webhookProxy!.hostCluster!.name).spec.template.spec.containers[0].args;
    const backends = args.filter((a) => a.startsWith('--backend=')).map((a) => a.slice('--backend='.length));
    expect(backends).toEqual([...routes].sort());
  });

  test('adding a cluster with a route adds it as a backend', () => {
    const clusters = [...successor.clusters, { name: 'successor-member-new', destination: { name: 'new' }, pacRoute: 'https://pac.new.example.com' }];
    const out = synthEnvironment(parseEnvironment({ ...successor, clusters }));
    expect(deploymentOf(out.files, 'successor-host').spec.template.spec.containers[0].args).toContain('--backend=https://pac.new.example.com');
  });

  test('the shipped image has no pinned digest: 0 replicas and one warning naming webhookProxy.image', () => {
    expect(successor.webhookProxy!.image.endsWith(`@${UNRESOLVED_DIGEST}`)).toBe(true);
    const out = synthEnvironment(parseEnvironment(successor));
    expect(deploymentOf(out.files, 'successor-host').spec.replicas).toBe(0);
    expect(out.warnings.filter((w) => w.includes('webhookProxy.image'))).toEqual([expect.stringContaining('webhookProxy.image: SprayProxy runs 0 replicas')]);
    const pinned = synthEnvironment(parseEnvironment(withImage(successor)));
    expect(deploymentOf(pinned.files, 'successor-host').spec.replicas).toBe(1);
    expect(pinned.warnings.filter((w) => w.includes('webhookProxy'))).toEqual([]);
  });

  test('with an ExternalSecret for the webhook secret the component passes the output checks (schemas, policy, duplicates)', () => {
    const input = withImage(successor);
    const webhookSecret = { name: 'sprayproxy-webhook', key: 'secret', externalSecret: { storeRef: { name: 'vault' }, remoteKey: 'ps/github-app', property: 'webhook-secret' } };
    const out = synthEnvironment(parseEnvironment({ ...input, webhookProxy: { ...input.webhookProxy!, webhookSecret } }));
    const files = [...out.files].filter(([p]) => p.includes('successor-host/webhook-proxy/'));
    expect(files.map(([p]) => p.split('/').pop())).toContain('externalsecret_sprayproxy_sprayproxy-webhook.yaml');
    // Schemas (pinned CRDs included), policy rules (restricted pods, digests, no inline secrets) and duplicates.
    const deployed = files.map(([file, text]) => ({ file, object: parseYaml(text), component: 'webhook-proxy', target: 'successor-host', destination: 'name:pipeline-service-successor-host' }));
    expect(checkObjects(deployed).findings).toEqual([]);
  });

  test('the NetworkPolicy is on by default and passes the output checks; webhookProxy.networkPolicy: false leaves it out', () => {
    const policyFile = (files: ReadonlyMap<string, string>) => [...files.keys()].filter((p) => p.includes('successor-host/webhook-proxy/networkpolicy_'));
    const input = withImage(successor);
    const out = synthEnvironment(parseEnvironment(input));
    expect(policyFile(out.files).map((p) => p.split('/').pop())).toEqual(['networkpolicy_sprayproxy_sprayproxy-from-router.yaml']);
    const deployed = [...out.files].filter(([p]) => p.includes('successor-host/webhook-proxy/')).map(([file, text]) => ({ file, object: parseYaml(text), component: 'webhook-proxy', target: 'successor-host', destination: 'name:pipeline-service-successor-host' }));
    expect(checkObjects(deployed).findings).toEqual([]);
    const off = synthEnvironment(parseEnvironment({ ...input, webhookProxy: { ...input.webhookProxy!, networkPolicy: false } }));
    expect(policyFile(off.files)).toEqual([]);
  });

  test('hostCluster: a target of its own, its Application after every member\'s tekton-config (PaC)', () => {
    const config = parseEnvironment(withImage(successor));
    const app = new EnvironmentApp(config, { withClusters: false });
    expect(app.targets.find((t) => t.name === 'successor-host')).toEqual({ name: 'successor-host', kind: 'host-cluster', destination: { name: 'pipeline-service-successor-host' } });
    const out = synthEnvironment(config);
    const apps = [...out.argocdFiles].filter(([p]) => p.includes('/apps/application_')).map(([, text]) => parseYaml(text));
    const wave = (a: any) => Number(a.metadata.annotations['argocd.argoproj.io/sync-wave']);
    const component = (a: any) => a.metadata.labels['pipeline-service.openshift.io/component'];
    const proxy = apps.filter((a) => component(a) === 'webhook-proxy');
    expect(proxy.map((a) => a.spec.destination)).toEqual([{ name: 'pipeline-service-successor-host' }]);
    const pac = apps.filter((a) => component(a) === 'tekton-config');
    expect(pac.length).toBeGreaterThan(0);
    for (const a of pac) expect(wave(a)).toBeLessThan(wave(proxy[0]));
  });

  test('the config predicts its Application (name-length checks cover it), on a host or on a member', () => {
    const { hostCluster: _, ...rest } = successor.webhookProxy!;
    for (const input of [successor, { ...successor, webhookProxy: { ...rest, cluster: 'successor-member-1' } }]) {
      const config = parseEnvironment(input);
      const predicted = expectedApplications(config).map((a) => `${config.name}-${a.target}-${a.component}`).sort();
      expect(predicted.filter((n) => n.endsWith('-webhook-proxy'))).toHaveLength(1);
      const out = synthEnvironment(config);
      const names = [...out.argocdFiles].filter(([p]) => p.includes('/apps/application_')).map(([, text]) => parseYaml(text).metadata.name).sort();
      expect(names).toEqual(predicted);
    }
  });

  test('cluster: the proxy is one more component of that member cluster', () => {
    const { hostCluster: _, ...rest } = successor.webhookProxy!;
    const onMember = withImage({ ...successor, webhookProxy: { ...rest, cluster: 'successor-member-2' } });
    const out = synthEnvironment(parseEnvironment(onMember));
    expect(deploymentOf(out.files, 'successor-member-2').kind).toBe('Deployment');
    expect([...out.files.keys()].filter((p) => p.includes('/successor-host/'))).toEqual([]);
    const memberComponents = new Set([...out.files.keys()].filter((p) => p.includes('successor/successor-member-2/')).map((p) => p.split('/').slice(-2)[0]));
    expect(memberComponents.has('tekton-config')).toBe(true);
    expect(memberComponents.has('webhook-proxy')).toBe(true);
  });
});
