import { join } from 'node:path';
import { checkConsistency, parseManifests } from '../../src/argocd/consistency';
import { ROOT, fixtureProject, readTree } from '../cli/cli-helpers';

/** The trees below `root`, as repository paths. */
function trees(root: string): { dist: Map<string, any>; argocd: Map<string, any> } {
  const prefix = (dir: string) => Object.fromEntries(Object.entries(readTree(join(root, dir))).map(([p, c]) => [`${dir}/${p}`, c]));
  return { dist: parseManifests(prefix('dist')), argocd: parseManifests(prefix('argocd')) };
}

/** The committed trees. */
const committed = () => trees(ROOT);

// The tests that break the trees break the fixture environments' (test/fixtures/environments),
// synthesized once: their paths do not follow the shipped environments.
let fixtureRoot: string;
beforeAll(() => {
  fixtureRoot = fixtureProject();
}, 120_000);
const fixture = () => trees(fixtureRoot);

describe('consistency of dist/ and argocd/ (the committed trees)', () => {
  test('every Application path holds manifests, every folder has one owner, no object twice, destinations allowed', () => {
    const { dist, argocd } = committed();
    expect(dist.size).toBeGreaterThan(0);
    expect([...argocd.values()].filter((o) => o.kind === 'Application').length).toBeGreaterThan(2);
    expect(checkConsistency(dist, argocd)).toEqual([]);
  });

  test('catches a removed dist/ folder', () => {
    const { dist, argocd } = fixture();
    for (const p of [...dist.keys()]) if (p.startsWith('dist/prod/prod-workload-2/operator/')) dist.delete(p);
    expect(checkConsistency(dist, argocd)).toEqual([
      'argocd/prod/apps/application_openshift-gitops_prod-prod-workload-2-operator.yaml: Application prod-prod-workload-2-operator: path dist/prod/prod-workload-2/operator does not exist or holds no manifests',
    ]);
  });

  test('catches an object managed by two Applications', () => {
    const { dist, argocd } = fixture();
    const sub = 'subscription_openshift-operators_openshift-pipelines-operator.yaml';
    dist.set(`dist/dev/dev-workload-1/tekton-config/${sub}`, dist.get(`dist/dev/dev-workload-1/operator/${sub}`));
    expect(checkConsistency(dist, argocd)).toEqual([
      `dist/dev/dev-workload-1/tekton-config/${sub}: Subscription openshift-operators/openshift-pipelines-operator on cluster pipeline-service-dev-workload-1 is managed by two Applications: dev-dev-workload-1-operator and dev-dev-workload-1-tekton-config`,
    ]);
  });

  test('catches a folder no Application deploys, and one deployed twice', () => {
    const { dist, argocd } = fixture();
    dist.set('dist/dev/stray/x/configmap_ns_a.yaml', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'ns' } });
    const app = 'argocd/dev/apps/application_openshift-gitops_dev-dev-workload-1-operator.yaml';
    const copy = structuredClone(argocd.get(app));
    copy.metadata.name = 'copy';
    copy.spec.destination = { name: 'elsewhere' };
    argocd.set('argocd/dev/apps/application_openshift-gitops_copy.yaml', copy);
    expect(checkConsistency(dist, argocd)).toEqual([
      'argocd/dev/apps/application_openshift-gitops_copy.yaml: Application copy: destination cluster elsewhere is not allowed by project dev-pipeline-service',
      'dist/dev/dev-workload-1/operator: deployed by 2 Applications: copy, dev-dev-workload-1-operator',
      'dist/dev/stray/x: no Application deploys this folder',
    ]);
  });

  test('catches a kind the project does not allow', () => {
    const { dist, argocd } = fixture();
    dist.set('dist/dev/dev-workload-1/operator/priorityclass_high.yaml', { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' } });
    expect(checkConsistency(dist, argocd)).toEqual([
      'dist/dev/dev-workload-1/operator/priorityclass_high.yaml: PriorityClass high: kind scheduling.k8s.io/PriorityClass is not allowed by project dev-pipeline-service (clusterResourceWhitelist)',
    ]);
  });
});
