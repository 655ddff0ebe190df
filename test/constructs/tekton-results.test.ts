import { Testing } from 'cdk8s';
import { parseEnvironment } from '../../src/config';
import { TektonResults } from '../../src/constructs/tekton-results';
import { RESULTS_RELEASES } from '../../src/trains';
import { MINIMAL_ENVIRONMENT, ofKind, testChart } from '../helpers';

const IMG = `quay.io/example/x@sha256:${'e'.repeat(64)}`;
// Parsed once on phase-1 for the config defaults; the release is then swapped per test.
const config = parseEnvironment({ ...MINIMAL_ENVIRONMENT, tektonResults: { images: { api: IMG, watcher: IMG }, database: { caSecret: { name: 'db-ca' } } } }).tektonResults!;

function build(version: string, kubernetesMin: string) {
  const chart = testChart();
  new TektonResults(chart, 'r', { ...config, release: RESULTS_RELEASES[version], kubernetesMin });
  const out = Testing.synth(chart);
  const deployment = (name: string) => ofKind(out, 'Deployment').find((d) => d.metadata.name === name);
  const apiConfig = ofKind(out, 'ConfigMap').find((c) => c.metadata.name === 'tekton-results-api-config').data.config as string;
  return { api: deployment('tekton-results-api'), watcher: deployment('tekton-results-watcher'), apiConfig };
}

describe('TektonResults per release', () => {
  test('v0.9+: the CA path goes to DB_SSLROOTCERT (the API exits without it), not PGSSLROOTCERT', () => {
    const { api, apiConfig } = build('v0.9.0', 'v1.24.0');
    expect(apiConfig).toContain('DB_SSLROOTCERT=/etc/db-ca/ca.crt\n');
    expect(api.spec.template.spec.containers[0].env.map((e: any) => e.name)).not.toContain('PGSSLROOTCERT');
  });

  test('KUBERNETES_MIN_VERSION: the train minimum when the compiled-in one is newer (v0.19: v1.34), else left out', () => {
    const env = (w: any) => w.spec.template.spec.containers[0].env as { name: string; value?: string }[];
    expect(env(build('v0.19.0', 'v1.27.0').watcher)).toContainEqual({ name: 'KUBERNETES_MIN_VERSION', value: 'v1.27.0' });
    expect(env(build('v0.6.0', 'v1.24.0').watcher).map((e) => e.name)).not.toContain('KUBERNETES_MIN_VERSION');
  });

  test('TCP probes: the API has only gRPC health over TLS, the watcher no health endpoint', () => {
    const { api, watcher } = build('v0.6.0', 'v1.24.0');
    expect(api.spec.template.spec.containers[0].readinessProbe.tcpSocket).toEqual({ port: 'server' });
    expect(watcher.spec.template.spec.containers[0].livenessProbe.tcpSocket).toEqual({ port: 'metrics' });
  });
});
