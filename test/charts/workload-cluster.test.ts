import { EnvironmentApp } from '../../src/charts/environment-app';
import { OperatorChart } from '../../src/charts/operator-chart';
import { TektonConfigChart } from '../../src/charts/tekton-config-chart';
import { synthesize } from '../../src/synth/manifests';
import { testEnvironment } from '../helpers';

function build(overrides = {}) {
  const app = new EnvironmentApp(testEnvironment(overrides));
  return { app, result: synthesize(app) };
}

describe('WorkloadCluster', () => {
  test('one operator and one tekton-config component per cluster', () => {
    const { result } = build({
      clusters: [
        { name: 'a', destination: { name: 'a' } },
        { name: 'b', destination: { server: 'https://api.b.example.com:6443' } },
      ],
    });
    expect(result.components.map((c) => `${c.target}/${c.component}`)).toEqual(['a/operator', 'a/tekton-config', 'b/operator', 'b/tekton-config']);
  });

  test('operator component: Subscription and Argo CD access; tekton-config: only the TektonConfig', () => {
    const { result } = build();
    const kinds = Object.fromEntries(result.components.map((c) => [c.component, c.objects.map((o) => o.kind).sort()]));
    expect(kinds).toEqual({ operator: ['ClusterRole', 'ClusterRoleBinding', 'Subscription'], 'tekton-config': ['TektonConfig'] });
  });

  test('every object carries the standard labels, with its component as name', () => {
    const { result } = build();
    let checked = 0;
    for (const c of result.components) {
      for (const o of c.objects) {
        expect(o.metadata.labels).toMatchObject({
          'app.kubernetes.io/name': c.component,
          'app.kubernetes.io/part-of': 'pipeline-service',
          'app.kubernetes.io/managed-by': 'pipeline-service-manifests',
        });
        checked++;
      }
    }
    expect(checked).toBe(4);
  });

  test('object names are exactly the configured ones, without hash suffixes', () => {
    const { result } = build({ operator: { subscriptionName: 'pipelines' } });
    const names = result.components.flatMap((c) => c.objects.map((o) => o.metadata.name)).sort();
    expect(names).toEqual(['config', 'pipeline-service-argocd-tektonconfigs', 'pipeline-service-argocd-tektonconfigs', 'pipelines']);
  });

  test('tekton-config depends on operator (ordering for Argo CD)', () => {
    const { app } = build();
    const [cluster] = app.clusters;
    expect(cluster.tektonConfig.node.dependencies).toEqual([cluster.operator]);
    expect(cluster.operator.node.dependencies).toEqual([]);
  });

  test('targets are registered with their destination', () => {
    const { app } = build();
    expect(app.targets).toEqual([{ name: 'cluster-a', kind: 'workload-cluster', destination: { name: 'cluster-a' } }]);
    expect(() => app.addTarget({ name: 'cluster-a', kind: 'kcp-workspace', destination: { name: 'x' } })).toThrow('target "cluster-a" is defined twice in environment "test"');
  });

  test('chart component names', () => {
    expect(OperatorChart.COMPONENT).toBe('operator');
    expect(TektonConfigChart.COMPONENT).toBe('tekton-config');
  });

  test('snapshot of a cluster (for review)', () => {
    const { result } = build();
    expect(result.components).toMatchSnapshot();
  });
});
