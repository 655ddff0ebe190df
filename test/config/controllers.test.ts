import { parseEnvironment } from '../../src/config';
import { MINIMAL_ENVIRONMENT, configProblems, fixtureEnvironment } from '../helpers';

const IMG = `quay.io/example/x@sha256:${'d'.repeat(64)}`;
const valid = MINIMAL_ENVIRONMENT;

const problems = configProblems;

describe('tektonConfig.pipelinesAsCode.settings', () => {
  test('known keys, typed as the ConfigMap takes them', () => {
    const env = parseEnvironment({
      ...valid,
      tektonConfig: { pipelinesAsCode: { settings: { 'application-name': 'Pipeline Service', 'secret-auto-create': 'true', 'default-max-keep-runs': '5', 'custom-console-url': '' } } },
    });
    expect(env.tektonConfig.pipelinesAsCode.settings).toEqual({ 'application-name': 'Pipeline Service', 'secret-auto-create': 'true', 'default-max-keep-runs': '5', 'custom-console-url': '' });
  });

  test('unknown keys and wrongly typed values fail on their path', () => {
    expect(
      problems({ ...valid, tektonConfig: { pipelinesAsCode: { settings: { 'remote-task': 'true', 'secret-auto-create': 'yes', 'max-keep-run-upper-limit': 'ten', 'hub-url': 'hub' } } } }),
    ).toEqual([
      'tektonConfig.pipelinesAsCode.settings.secret-auto-create: must be the string "true" or "false" (ConfigMap values are strings)',
      'tektonConfig.pipelinesAsCode.settings.hub-url: must be a URL starting with https:// or http:// (or "" for none)',
      'tektonConfig.pipelinesAsCode.settings.max-keep-run-upper-limit: must be a non-negative integer of at most 9 digits written as a string, e.g. "5"',
      'tektonConfig.pipelinesAsCode.settings.remote-task: unknown field',
    ]);
  });
});

describe('tektonResults and tektonChains', () => {
  test('results: defaults reference Secrets by name', () => {
    const env = parseEnvironment({ ...valid, tektonResults: { images: { api: IMG, watcher: IMG } } });
    expect(env.tektonResults!.database).toEqual({ secretName: 'tekton-results-database', hostKey: 'db.host', nameKey: 'db.name', userKey: 'db.user', passwordKey: 'db.password', port: 5432, sslMode: 'verify-full' });
    expect(env.tektonResults!.tlsSecretName).toBe('tekton-results-tls');
    expect(env.tektonResults!.api.resources).toEqual({ requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '1', memory: '512Mi' } });
  });

  test('results: images given are both required and pinned by digest; resources checked', () => {
    expect(problems({ ...valid, tektonResults: { images: { api: 'gcr.io/x/api:v0.18.0' }, watcher: { resources: { requests: { memory: '2Gi' } } } } })).toEqual([
      'tektonResults.images.api: must be pinned by digest: <registry>/<repository>[:tag]@sha256:<64 hex digits> (a tag alone can change under you)',
      'tektonResults.images.watcher: is required (string)',
      'tektonResults.watcher.resources.requests.memory: 2Gi exceeds limits.memory 512Mi',
    ]);
  });

  test('chains as direct manifests requires tektonConfig.chain.disabled where the train configures Chains (current)', () => {
    const current = { ...valid, train: 'current' };
    expect(problems({ ...current, tektonChains: { image: IMG } })).toEqual([
      'tektonConfig.chain.disabled: must be true when tektonChains is set: Chains runs as direct manifests, and the operator would run a second controller signing every run',
    ]);
    expect(parseEnvironment({ ...current, tektonChains: { image: IMG }, tektonConfig: { chain: { disabled: true } } }).tektonChains!.signingSecretName).toBe('signing-secrets');
    // phase-1: operator v0.65 has no spec.chain, so there is nothing to disable.
    expect(parseEnvironment({ ...valid, tektonChains: { image: IMG } }).tektonConfig.chain).toBeUndefined();
  });

  test('chains settings: the spec.chain keys only', () => {
    expect(problems({ ...valid, tektonChains: { image: IMG, settings: { 'artifacts.oci.storag': 'oci' } } })).toEqual([
      'tektonChains.settings["artifacts.oci.storag"]: unknown field',
    ]);
  });

  test('dev and prod (fixtures) ride train phase-1 with Results v0.6 as manifests; TektonConfig without chain', () => {
    for (const name of ['dev', 'prod'] as const) {
      const env = parseEnvironment(fixtureEnvironment(name));
      expect(env.train).toBe('phase-1');
      expect(env.operator.channel).toBe('pipelines-1.10');
      expect(env.tektonResults?.version).toBe('v0.6.0');
      expect(env.tektonResults?.images?.api).toMatch(/@sha256:[a-f0-9]{64}$/);
      expect(env.tektonConfig.chain).toBeUndefined();
    }
  });
});
