import { Testing } from 'cdk8s';
import { WebhookProxy, WebhookProxyProps } from '../../src/constructs/webhook-proxy';
import { only, testChart } from '../helpers';

const IMAGE = `quay.io/redhat-appstudio/sprayproxy:c6f8bf26007c140d51326760e16eb52ae5072e3b@sha256:${'a'.repeat(64)}`;
const BACKENDS = ['https://pac.member-b.example.com', 'https://pac.member-a.example.com'];

function synth(over: Partial<WebhookProxyProps> = {}) {
  const chart = testChart();
  const proxy = new WebhookProxy(chart, 'proxy', {
    namespace: 'sprayproxy',
    image: IMAGE,
    host: 'webhooks.example.com',
    backends: BACKENDS,
    webhookSecret: { name: 'pipelines-as-code-secret', key: 'webhook.secret' },
    ...over,
  });
  return { proxy, manifests: Testing.synth(chart) };
}

const container = (manifests: any[]) => only(manifests, 'Deployment').spec.template.spec.containers[0];

describe('WebhookProxy (SprayProxy)', () => {
  test('restricted pod: non-root, no escalation, no capabilities, RuntimeDefault seccomp, read-only root', () => {
    const { manifests } = synth();
    const pod = only(manifests, 'Deployment').spec.template.spec;
    expect(pod.securityContext).toEqual({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(pod.containers).toHaveLength(1);
    expect(pod.containers[0].securityContext).toEqual({
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
    // No API access: its own ServiceAccount without a token.
    expect(pod.serviceAccountName).toBe('sprayproxy');
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(only(manifests, 'ServiceAccount').automountServiceAccountToken).toBe(false);
    expect(manifests.filter((m) => /Role/.test(m.kind))).toEqual([]);
    expect(only(manifests, 'Namespace').metadata.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
  });

  test('image by digest, upstream resources by default', () => {
    const c = container(synth().manifests);
    expect(c.image).toBe(IMAGE);
    expect(c.resources).toEqual({ requests: { cpu: '5m', memory: '64Mi' }, limits: { cpu: '500m', memory: '384Mi' } });
    expect(() => synth({ image: 'quay.io/redhat-appstudio/sprayproxy:latest' })).toThrow(/must be pinned by digest/);
  });

  test('liveness and readiness: GET /healthz on the proxy port (pkg/server/server.go)', () => {
    const c = container(synth().manifests);
    for (const probe of [c.livenessProbe, c.readinessProbe]) expect(probe.httpGet).toEqual({ path: '/healthz', port: 'http', scheme: 'HTTP' });
    expect(c.ports).toEqual([
      { name: 'http', containerPort: 8080, protocol: 'TCP' },
      { name: 'metrics', containerPort: 9090, protocol: 'TCP' },
    ]);
  });

  test('backends: one --backend flag each, sorted; the `server` subcommand first; no insecure flag', () => {
    const { proxy, manifests } = synth();
    const args: string[] = container(manifests).args;
    expect(args).toEqual(['server', '--backend=https://pac.member-a.example.com', '--backend=https://pac.member-b.example.com']);
    expect(proxy.backends).toEqual(['https://pac.member-a.example.com', 'https://pac.member-b.example.com']);
    expect(args.filter((a) => a.includes('insecure') || a.includes('dynamic'))).toEqual([]);
    // Input order does not matter.
    expect(container(synth({ backends: [...BACKENDS].reverse() }).manifests).args).toEqual(args);
  });

  test('webhook secret by reference, the size limit and timeout written out', () => {
    const c = container(synth({ maxRequestBytes: 1024, forwardTimeout: '30s' }).manifests);
    expect(c.env).toEqual([
      { name: 'GH_APP_WEBHOOK_SECRET', valueFrom: { secretKeyRef: { name: 'pipelines-as-code-secret', key: 'webhook.secret' } } },
      { name: 'SPRAYPROXY_MAX_REQUEST_SIZE', value: '1024' },
      { name: 'SPRAYPROXY_FORWARDING_REQUEST_TIMEOUT', value: '30s' },
    ]);
    expect(container(synth().manifests).env[1]).toEqual({ name: 'SPRAYPROXY_MAX_REQUEST_SIZE', value: String(25 * 1024 * 1024) });
    const { manifests } = synth();
    expect(manifests.filter((m) => m.kind === 'Secret')).toEqual([]);
  });

  test('webhookSecret.externalSecret: an ExternalSecret makes that Secret and key, before the Deployment', () => {
    const { proxy, manifests } = synth({
      webhookSecret: { name: 'sprayproxy-webhook', key: 'secret', externalSecret: { storeRef: { name: 'vault', kind: 'ClusterSecretStore' }, remoteKey: 'pipeline-service/github-app', property: 'webhook-secret' } },
    });
    const ext = only(manifests, 'ExternalSecret');
    expect(ext.metadata).toMatchObject({ name: 'sprayproxy-webhook', namespace: 'sprayproxy' });
    expect(ext.spec).toEqual({
      refreshInterval: '1h',
      secretStoreRef: { name: 'vault', kind: 'ClusterSecretStore' },
      target: { name: 'sprayproxy-webhook', creationPolicy: 'Owner' },
      data: [{ secretKey: 'secret', remoteRef: { key: 'pipeline-service/github-app', property: 'webhook-secret' } }],
    });
    expect(container(manifests).env[0].valueFrom.secretKeyRef).toEqual({ name: 'sprayproxy-webhook', key: 'secret' });
    const wave = (o: any) => Number(o.metadata.annotations['argocd.argoproj.io/sync-wave']);
    expect(wave(ext)).toBeLessThan(wave(only(manifests, 'Deployment')));
    expect(proxy.externalSecret).toBeDefined();
    expect(synth().manifests.filter((m) => m.kind === 'ExternalSecret')).toEqual([]);
  });

  test('Service 80 -> http; Ingress for the host, edge TLS on OpenShift, to that Service; metrics not exposed', () => {
    const { manifests } = synth();
    const svc = only(manifests, 'Service');
    expect(svc.spec.ports).toEqual([{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }]);
    const ing = only(manifests, 'Ingress');
    expect(ing.metadata.annotations['route.openshift.io/termination']).toBe('edge');
    expect(ing.spec.tls).toEqual([{ hosts: ['webhooks.example.com'] }]);
    expect(ing.spec.rules).toEqual([
      { host: 'webhooks.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: svc.metadata.name, port: { number: 80 } } } }] } },
    ]);
  });

  test('NetworkPolicy: only the OpenShift router (pod or host network) reaches the proxy, on its HTTP port', () => {
    const { manifests, proxy } = synth();
    const policy = only(manifests, 'NetworkPolicy');
    expect(policy.metadata).toMatchObject({ name: 'sprayproxy-from-router', namespace: 'sprayproxy' });
    // It isolates exactly the proxy's pods.
    expect(policy.spec.podSelector).toEqual({ matchLabels: only(manifests, 'Deployment').spec.template.metadata.labels });
    expect(policy.spec.policyTypes).toEqual(['Ingress']);
    expect(policy.spec.ingress).toEqual([
      {
        from: [{ namespaceSelector: { matchLabels: { 'policy-group.network.openshift.io/ingress': '' } }, podSelector: {} }],
        ports: [{ protocol: 'TCP', port: 8080 }],
      },
    ]);
    // The metrics port is not reachable through it.
    expect(policy.spec.ingress[0].ports.map((p: { port: number }) => p.port)).not.toContain(9090);
    expect(proxy.networkPolicy).toBeDefined();
    const wave = (o: any) => Number(o.metadata.annotations['argocd.argoproj.io/sync-wave']);
    expect(wave(policy)).toBeLessThan(wave(only(manifests, 'Deployment')));
  });

  test('networkPolicy: false leaves it out', () => {
    const { manifests, proxy } = synth({ networkPolicy: false });
    expect(manifests.filter((m) => m.kind === 'NetworkPolicy')).toEqual([]);
    expect(proxy.networkPolicy).toBeUndefined();
  });

  test('refuses no backend, a repeated backend, a non-positive size', () => {
    expect(() => synth({ backends: [] })).toThrow('webhook proxy "sprayproxy": needs at least one backend');
    expect(() => synth({ backends: [BACKENDS[0], BACKENDS[0]] })).toThrow(`backend ${BACKENDS[0]} is listed twice`);
    expect(() => synth({ maxRequestBytes: 0 })).toThrow('maxRequestBytes must be a positive integer, got 0');
  });

  test('snapshot (for review)', () => {
    expect(synth().manifests).toMatchSnapshot();
  });
});
