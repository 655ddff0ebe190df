import { JsonPatch } from 'cdk8s';
import { EnvironmentApp } from '../../src/charts/environment-app';
import { checkCrossReferences } from '../../src/synth/cross-references';
import { Manifest, SynthError, synthesize } from '../../src/synth/manifests';
import { testEnvironment } from '../helpers';

const IMG = (c: string) => `quay.io/example/${c}@sha256:${'b'.repeat(64)}`;
const withResults = () => testEnvironment({ tektonResults: { images: { api: IMG('api'), watcher: IMG('watcher') } } });

/** The synthesized components of an environment with Results, one object changed by `mutate`. */
function brokenComponents(mutate: (objects: Manifest[]) => void) {
  const { components } = synthesize(new EnvironmentApp(withResults()));
  const copy = components.map((c) => ({ ...c, objects: c.objects.map((o) => JSON.parse(JSON.stringify(o)) as Manifest) }));
  mutate(copy.find((c) => c.component === 'tekton-results')!.objects as Manifest[]);
  return copy;
}

function find(objects: Manifest[], kind: string, name: string): any {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found;
}

/** What TektonConfigAccess declares: the ServiceAccount Argo CD uses on the (remote) cluster exists outside the output. */
const ARGOCD = new Map([['cluster-a', [{ kind: 'ServiceAccount' as const, namespace: 'kube-system', name: 'argocd-manager', reason: 'argocd cluster add' }]]]);

const ingress = (backend: object): Manifest =>
  ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'results', namespace: 'tekton-results' },
    spec: { rules: [{ host: 'results.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: backend } }] } }] },
  }) as Manifest;

describe('cross-reference checks', () => {
  test('the shipped shape passes: every reference resolves', () => {
    const { components } = synthesize(new EnvironmentApp(withResults()));
    expect(components.map((c) => c.component)).toContain('tekton-results');
    expect(checkCrossReferences(components, ARGOCD)).toEqual([]);
  });

  test('a Service whose selector matches no pod template', () => {
    const components = brokenComponents((objects) => {
      find(objects, 'Service', 'tekton-results-api-service').spec.selector = { 'app.kubernetes.io/component': 'tekton-results-apl' };
    });
    expect(checkCrossReferences(components)).toContain(
      'cluster-a/tekton-results: Service tekton-results/tekton-results-api-service: selector app.kubernetes.io/component=tekton-results-apl matches no Deployment\'s pod template labels in namespace tekton-results',
    );
  });

  test('a Service targeting a container port name that does not exist', () => {
    const components = brokenComponents((objects) => {
      find(objects, 'Service', 'tekton-results-watcher').spec.ports[0].targetPort = 'metric';
    });
    expect(checkCrossReferences(components)).toContain(
      'cluster-a/tekton-results: Service tekton-results/tekton-results-watcher: port metrics targets container port "metric", which no Deployment selected by app.kubernetes.io/component=tekton-results-watcher declares',
    );
  });

  test('an Ingress backend naming a missing Service, or a missing port', () => {
    const components = brokenComponents((objects) => {
      objects.push(ingress({ name: 'tekton-results-api', port: { number: 8080 } }));
      objects.push({ ...ingress({ name: 'tekton-results-api-service', port: { number: 443 } }), metadata: { name: 'results-2', namespace: 'tekton-results' } } as Manifest);
      objects.push({ ...ingress({ name: 'tekton-results-api-service', port: { name: 'server' } }), metadata: { name: 'fine', namespace: 'tekton-results' } } as Manifest);
    });
    expect(checkCrossReferences(components, ARGOCD)).toEqual([
      'cluster-a/tekton-results: Ingress tekton-results/results: rules[0].http.paths[0] (results.example.com/): backend Service "tekton-results-api" does not exist in namespace tekton-results',
      'cluster-a/tekton-results: Ingress tekton-results/results-2: rules[0].http.paths[0] (results.example.com/): Service "tekton-results-api-service" has no port 443 (it has server, prometheus)',
    ]);
  });

  test('a binding to a missing Role, ClusterRole or ServiceAccount', () => {
    const components = brokenComponents((objects) => {
      find(objects, 'RoleBinding', 'tekton-results-watcher').roleRef.name = 'tekton-results-watchr';
      find(objects, 'ClusterRoleBinding', 'tekton-results-api').roleRef.name = 'tekton-results-ap';
      find(objects, 'ClusterRoleBinding', 'tekton-results-watcher').subjects[0].namespace = 'tekton-pipelines';
    });
    expect(checkCrossReferences(components)).toEqual([
      'cluster-a/operator: ClusterRoleBinding pipeline-service-argocd-tektonconfigs: subject ServiceAccount kube-system/argocd-manager is neither in the output nor declared external',
      'cluster-a/tekton-results: ClusterRoleBinding tekton-results-api: roleRef ClusterRole "tekton-results-ap" is neither in the output nor a built-in or declared external ClusterRole',
      'cluster-a/tekton-results: ClusterRoleBinding tekton-results-watcher: subject ServiceAccount tekton-pipelines/tekton-results-watcher is neither in the output nor declared external',
      'cluster-a/tekton-results: RoleBinding tekton-results/tekton-results-watcher: roleRef Role "tekton-results-watchr" does not exist in namespace tekton-results (nor is it declared external)',
    ]);
  });

  test('declared externals and built-in ClusterRoles resolve', () => {
    const components = brokenComponents((objects) => {
      find(objects, 'ClusterRoleBinding', 'tekton-results-api').roleRef.name = 'system:auth-delegator';
      find(objects, 'ClusterRoleBinding', 'tekton-results-watcher').roleRef.name = 'view';
      find(objects, 'RoleBinding', 'tekton-results-watcher').roleRef.name = 'leases';
    });
    const externals = new Map([
      [
        'cluster-a',
        [
          { kind: 'ServiceAccount' as const, namespace: 'kube-system', name: 'argocd-manager', reason: 'argocd cluster add' },
          { kind: 'Role' as const, namespace: 'tekton-results', name: 'leases', reason: 'test' },
        ],
      ],
    ]);
    expect(checkCrossReferences(components, externals)).toEqual([]);
  });

  test('references never resolve across targets', () => {
    const { components } = synthesize(new EnvironmentApp(withResults()));
    const moved = components.map((c) => (c.component === 'tekton-results' ? { ...c, objects: c.objects.filter((o) => o.kind !== 'ServiceAccount') } : c));
    moved.push({ target: 'cluster-b', component: 'tekton-results', path: 'cluster-b/tekton-results', wave: 0, objects: components.find((c) => c.component === 'tekton-results')!.objects.filter((o) => o.kind === 'ServiceAccount') });
    const lines = checkCrossReferences(moved);
    expect(lines.filter((l) => l.startsWith('cluster-a/tekton-results:') && l.includes('subject ServiceAccount'))).toHaveLength(3);
  });

  test('synthesize raises a SynthError on a broken reference, naming target, component and object', () => {
    const app = new EnvironmentApp(withResults());
    const [cluster] = app.clusters;
    cluster.tektonResults!.results.watcher.service!.addJsonPatch(JsonPatch.replace('/spec/selector', { app: 'nothing' }));
    expect(() => synthesize(app)).toThrow(SynthError);
    try {
      synthesize(app);
    } catch (e) {
      expect((e as SynthError).lines).toEqual([
        "cluster-a/tekton-results: Service tekton-results/tekton-results-watcher: selector app=nothing matches no Deployment's pod template labels in namespace tekton-results",
      ]);
    }
  });

  // Its speed is `npm run bench`'s (1,000 clusters); here, that many targets are checked apart.
  test('2,000 targets: each checked on its own', () => {
    const { components } = synthesize(new EnvironmentApp(withResults()));
    const many = [];
    for (let i = 0; i < 2000; i++) for (const c of components) many.push({ ...c, target: `t${i}` });
    const lines = checkCrossReferences(many);
    expect(lines).toHaveLength(2000); // the undeclared Argo CD ServiceAccount, once per target
    expect(new Set(lines.map((l) => l.split('/')[0])).size).toBe(2000);
  });
});
