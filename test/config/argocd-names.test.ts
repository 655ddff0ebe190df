import { parseDocument } from 'yaml';
import { EnvironmentInput, MAX_APPLICATION_NAME, expectedApplications, parseEnvironment } from '../../src/config';
import { synthEnvironment } from '../../src/synth/environment';
import { configProblems, fixtureEnvironment } from '../helpers';

const CHAINS_IMAGE = `ghcr.io/tektoncd/chains/controller:v0.20.1@sha256:${'c'.repeat(64)}`;

/** An environment with every component: Results, Chains, kcp with a consumer, the PaC gateway. */
function everything(clusterName: string, envName = 'dev'): EnvironmentInput {
  const dev = fixtureEnvironment('dev');
  const gateway = dev.pacGateway ? { pacGateway: { ...dev.pacGateway, cluster: clusterName } } : {};
  return {
    ...dev,
    name: envName,
    tektonConfig: { ...dev.tektonConfig },
    tektonChains: { image: CHAINS_IMAGE },
    ...gateway,
    // dev's labels, so that dev's kcp Location still selects the renamed cluster.
    clusters: [{ name: clusterName, destination: { name: 'workload' }, labels: dev.clusters[0].labels }],
  };
}

/** Child Application names in the synthesized argocd/ tree. */
function synthesizedApplications(input: EnvironmentInput): string[] {
  const out = synthEnvironment(parseEnvironment(input));
  return [...out.argocdFiles.entries()]
    .filter(([path]) => path.includes('/apps/application_'))
    .map(([, text]) => (parseDocument(text).toJS() as { metadata: { name: string } }).metadata.name)
    .sort();
}

describe('Argo CD application names', () => {
  test('the config predicts every child Application the charts produce', () => {
    const input = everything('w1');
    const env = parseEnvironment(input);
    const predicted = expectedApplications(env).map((a) => `${env.name}-${a.target}-${a.component}`).sort();
    expect(predicted.length).toBeGreaterThan(0);
    expect(synthesizedApplications(input)).toEqual(predicted);
  });

  test('a cluster name at the computed limit synthesizes; one character more is reported on clusters[0].name with the limit', () => {
    // dev-<cluster>-tekton-results: 63 - "dev-".length - "-tekton-results".length = 44.
    const fits = 'c'.repeat(44);
    expect(synthesizedApplications(everything(fits))).toContain(`dev-${fits}-tekton-results`);
    expect(`dev-${fits}-tekton-results`).toHaveLength(MAX_APPLICATION_NAME);
    const long = 'c'.repeat(45);
    expect(configProblems(everything(long))).toEqual([
      `clusters[0].name: has 45 characters, at most 44 fit here: it names the Argo CD application "dev-${long}-tekton-results" (64 characters), and Argo CD application names must be at most 63 (a label value); shorten it or the environment name`,
    ]);
  });

  test('Results managed by the train\'s operator (current) add no component, so they do not shorten the limit', () => {
    const name = 'c'.repeat(45);
    const successor = fixtureEnvironment('successor');
    const current = { name: 'dev', train: 'current', git: successor.git, tektonResults: successor.tektonResults, clusters: [{ name, destination: { name: 'w' } }] };
    // dev-<45>-tekton-config is 63; there is no dev-<45>-tekton-results on current.
    expect(parseEnvironment(current).clusters[0].name).toBe(name);
    expect(synthesizedApplications(current).filter((a) => a.endsWith('-tekton-results'))).toEqual([]);
    expect(configProblems({ ...current, clusters: [{ name: `${name}c`, destination: { name: 'w' } }] })[0]).toMatch(/^clusters\[0\]\.name: has 46 characters, at most 45 fit here/);
  });

  test('without Results or Chains the limit follows the longest component the cluster runs', () => {
    const name = 'c'.repeat(45);
    const plain = { name: 'dev', train: 'phase-1', git: { repoURL: 'https://github.com/o/m.git' }, clusters: [{ name, destination: { name: 'w' } }] };
    // dev-<45>-tekton-config is 63.
    expect(parseEnvironment(plain).clusters[0].name).toBe(name);
    expect(configProblems({ ...plain, clusters: [{ name: `${name}c`, destination: { name: 'w' } }] })[0]).toMatch(/^clusters\[0\]\.name: has 46 characters, at most 45 fit here/);
  });

  test('kcp consumer and gateway workspace names, and an environment name that leaves no room', () => {
    const input = everything('w1');
    const consumers = [{ ...input.kcp!.consumers![0], name: 'c'.repeat(44), workspace: 'root:a' }];
    expect(configProblems({ ...input, kcp: { ...input.kcp!, consumers } })).toEqual([
      `kcp.consumers[0].name: has 44 characters, at most 43 fit here: it names the Argo CD application "dev-kcp-${'c'.repeat(44)}-api-binding" (64 characters), and Argo CD application names must be at most 63 (a label value); shorten it or the environment name`,
    ]);
    expect(configProblems({ ...input, pacGateway: { ...input.pacGateway!, workspace: 'g'.repeat(44) } })[0]).toMatch(/^pacGateway\.workspace: has 44 characters, at most 43 fit here/);
    expect(configProblems(everything('w1', 'e'.repeat(50)))).toEqual([
      expect.stringMatching(/^name: has 50 characters, too many for the Argo CD application "e{50}-kcp-compute-compute" \(70 characters; .*shorten the environment name$/),
    ]);
  });
});
