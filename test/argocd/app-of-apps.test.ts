import { k8s } from 'cdk8s-plus-27';
import { synthArgoCd, nestedFolders } from '../../src/argocd/synth';
import { ComponentChart } from '../../src/charts/component-chart';
import { EnvironmentApp } from '../../src/charts/environment-app';
import { synthesize } from '../../src/synth/manifests';
import { testEnvironment } from '../helpers';
import { RESOURCES_FINALIZER } from '../../src/argocd/child-application';
import { IN_CLUSTER_SERVER } from '../../src/argocd/root-application';
import { SynthError } from '../../src/synth/manifests';
import { only } from '../helpers';
import { KCP_COMPUTE, addKcpLikeCharts, buildArgoCd } from './build';

const CSV = 'openshift-pipelines-operator-rh.v1.10.4';
const IMAGE = `registry.redhat.io/openshift4/ose-cli@sha256:${'a'.repeat(64)}`;

describe('root Application', () => {
  test('written to <env>/root.yaml, deploys argocd/<env>/apps from the configured repo and revision', () => {
    const { out } = buildArgoCd({ git: { repoURL: 'https://github.com/example-org/m.git', revision: 'release-1' } });
    expect([...out.files.keys()].filter((f) => !f.startsWith('test/apps/'))).toEqual(['test/root.yaml']);
    const root = out.objects.get('test/root.yaml') as any;
    expect(root.kind).toBe('Application');
    expect(root.metadata).toMatchObject({ name: 'test-root', namespace: 'openshift-gitops' });
    expect(root.spec.source).toEqual({ repoURL: 'https://github.com/example-org/m.git', targetRevision: 'release-1', path: 'argocd/test/apps' });
    expect(root.spec.destination).toEqual({ server: IN_CLUSTER_SERVER, namespace: 'openshift-gitops' });
    expect(root.spec.project).toBe('default');
    expect(root.spec.syncPolicy.automated).toEqual({ prune: true, selfHeal: true });
    // Deleting the root by mistake must not cascade into every cluster.
    expect(root.metadata.finalizers).toBeUndefined();
  });

  test('lives in the configured Argo CD namespace', () => {
    const { out, objects } = buildArgoCd({ argocd: { namespace: 'argocd' } });
    expect((out.objects.get('test/root.yaml') as any).spec.destination.namespace).toBe('argocd');
    for (const o of objects) expect(o.metadata.namespace).toBe('argocd');
  });
});

describe('child Applications', () => {
  test('one per (target, component), pointing at its dist/ folder and its target', () => {
    const { out, app } = buildArgoCd({
      clusters: [
        { name: 'a', destination: { name: 'cluster-a' } },
        { name: 'b', destination: { server: 'https://api.b.example.com:6443' } },
      ],
    });
    expect(out.applications).toBe(4);
    expect(app('test-a-operator').spec.source.path).toBe('dist/test/a/operator');
    expect(app('test-b-tekton-config').spec.source.path).toBe('dist/test/b/tekton-config');
    expect(app('test-a-operator').spec.destination.name).toBe('cluster-a');
    expect(app('test-b-operator').spec.destination.server).toBe('https://api.b.example.com:6443');
    expect(app('test-b-operator').spec.project).toBe('test-pipeline-service');
  });

  test('automated with prune and selfHeal, configured retry, resources finalizer', () => {
    const { app } = buildArgoCd({ argocd: { retry: { limit: 10, backoff: { duration: '10s', factor: 3, maxDuration: '10m' } } } });
    const a = app('test-cluster-a-operator');
    expect(a.metadata.finalizers).toEqual([RESOURCES_FINALIZER]);
    expect(a.spec.syncPolicy.automated).toEqual({ prune: true, selfHeal: true });
    expect(a.spec.syncPolicy.retry).toEqual({ limit: 10, backoff: { duration: '10s', factor: 3, maxDuration: '10m' } });
  });

  test('waves follow the declared dependencies: operator before tekton-config', () => {
    const { app } = buildArgoCd();
    expect(app('test-cluster-a-operator').metadata.annotations['argocd.argoproj.io/sync-wave']).toBe('0');
    expect(app('test-cluster-a-tekton-config').metadata.annotations['argocd.argoproj.io/sync-wave']).toBe('1');
  });

  test('targets and charts added by other code get Applications, waves and destinations unchanged', () => {
    const { app } = buildArgoCd({}, addKcpLikeCharts);
    const wave = (n: string) => app(n).metadata.annotations['argocd.argoproj.io/sync-wave'];
    expect(wave('test-kcp-compute-compute')).toBe('0');
    expect(wave('test-cluster-a-kcp-syncer')).toBe('1');
    expect(wave('test-cluster-a-gateway-route')).toBe('2');
    expect(app('test-kcp-compute-compute').spec.destination).toEqual({ ...KCP_COMPUTE, namespace: 'pac-gateway' });
  });

  test('a dependency cycle is an error naming it', () => {
    expect(() =>
      buildArgoCd({}, (envApp) => {
        const [op, tc] = envApp.componentCharts as ComponentChart[];
        op.addDependency(tc);
      }),
    ).toThrow(new SynthError(['component dependencies form a cycle: cluster-a/operator -> cluster-a/tekton-config -> cluster-a/operator']));
  });

  test('CreateNamespace only for a namespace no app of the target creates', () => {
    const { app } = buildArgoCd({}, addKcpLikeCharts);
    // openshift-operators is used, never created by us.
    expect(app('test-cluster-a-operator').spec.destination.namespace).toBe('openshift-operators');
    expect(app('test-cluster-a-operator').spec.syncPolicy.syncOptions).toContain('CreateNamespace=true');
    // The syncer's namespace is one of its own objects.
    expect(app('test-cluster-a-kcp-syncer').spec.destination.namespace).toBeUndefined();
    expect(app('test-cluster-a-kcp-syncer').spec.syncPolicy.syncOptions ?? []).not.toContain('CreateNamespace=true');
    // Cluster-scoped objects only: no namespace at all.
    expect(app('test-cluster-a-tekton-config').spec.destination.namespace).toBeUndefined();
  });

  test('objects in two namespaces no app creates: no CreateNamespace, and a warning naming the chart', () => {
    const { app, out } = buildArgoCd({}, (envApp) => {
      const chart = new ComponentChart(envApp, 'cluster-a-extra', { target: 'cluster-a', component: 'extra' });
      new k8s.KubeConfigMap(chart, 'A', { metadata: { name: 'a', namespace: 'ns-a' } });
      new k8s.KubeConfigMap(chart, 'B', { metadata: { name: 'b', namespace: 'ns-b' } });
    });
    expect(app('test-cluster-a-extra').spec.syncPolicy.syncOptions ?? []).not.toContain('CreateNamespace=true');
    expect(out.warnings).toContain(
      "cluster-a-extra: objects in namespaces ns-a, ns-b that no app creates: Argo CD's CreateNamespace creates only one, so none is created; add Namespace objects",
    );
  });

  test('a namespace created by the operator chart itself is not created by Argo CD', () => {
    const { app } = buildArgoCd({ operator: { namespace: 'pipelines-operator', operatorGroup: { name: 'pipelines' } } });
    expect(app('test-cluster-a-operator').spec.destination.namespace).toBeUndefined();
    expect(app('test-cluster-a-operator').spec.syncPolicy.syncOptions).toBeUndefined();
  });

  test('directory.recurse only where the folder has subfolders', () => {
    const { app } = buildArgoCd();
    expect(app('test-cluster-a-operator').spec.source.directory).toBeUndefined();
    expect([...nestedFolders(['e/t/c/a.yaml', 'e/t/d/sub/b.yaml'])]).toEqual(['t/d']);
    const config = testEnvironment();
    const environment = new EnvironmentApp(config);
    const out = synthArgoCd({ config, targets: environment.targets, components: synthesize(environment).components, nestedFolders: new Set(['cluster-a/operator']) });
    expect((out.objects.get('test/apps/application_openshift-gitops_test-cluster-a-operator.yaml') as any).spec.source.directory).toEqual({ recurse: true });
    expect((out.objects.get('test/apps/application_openshift-gitops_test-cluster-a-tekton-config.yaml') as any).spec.source.directory).toBeUndefined();
  });

  test('an application name longer than 63 characters is an error naming the fix', () => {
    // Config names are checked before this (src/config/argocd-names.ts); a chart's own component name is not.
    expect(() => buildArgoCd({}, (envApp) => new ComponentChart(envApp, 'long', { target: 'cluster-a', component: 'x'.repeat(50) }))).toThrow(
      /has 65 characters, at most 63 fit its tracking label: shorten/,
    );
  });

  test('two charts that map to one application name are an error', () => {
    expect(() =>
      buildArgoCd({ clusters: [{ name: 'a-b', destination: { name: 'x' } }, { name: 'a', destination: { name: 'y' } }] }, (envApp) => {
        new ComponentChart(envApp, 'clash', { target: 'a', component: 'b-operator' });
      }),
    ).toThrow('argo cd application name "test-a-b-operator" is produced by both a-b/operator and a/b-operator: rename a target or component');
  });
});

describe('ignoreDifferences', () => {
  test('TektonConfig: release-version label and every field git leaves unset, with RespectIgnoreDifferences', () => {
    const { app } = buildArgoCd();
    const a = app('test-cluster-a-tekton-config');
    const rule = a.spec.ignoreDifferences[0];
    expect(rule).toMatchObject({ group: 'operator.tekton.dev', kind: 'TektonConfig', name: 'config' });
    expect(rule.jsonPointers).toEqual(['/metadata/labels/operator.tekton.dev~1release-version']);
    expect(rule.jqPathExpressions).toContain('.spec.pruner[(.spec.pruner // {} | keys - ["keep","resources","schedule"])[]]');
    expect(a.spec.syncPolicy.syncOptions).toEqual(['RespectIgnoreDifferences=true']);
  });

  test('only where the app holds the kind', () => {
    const { app } = buildArgoCd();
    expect(app('test-cluster-a-operator').spec.ignoreDifferences).toBeUndefined();
    expect(app('test-cluster-a-operator').spec.syncPolicy.syncOptions).not.toContain('RespectIgnoreDifferences=true');
  });

  test('ServiceAccount pull secrets on workload clusters, Ingress host/tls/kuadrant annotations on kcp workspaces', () => {
    const { app } = buildArgoCd({}, addKcpLikeCharts);
    expect(app('test-cluster-a-kcp-syncer').spec.ignoreDifferences).toEqual([
      { kind: 'ServiceAccount', name: 'kcp-syncer', namespace: 'kcp-syncer-cluster-a-1a2b3c4d', jsonPointers: ['/imagePullSecrets', '/secrets'] },
    ]);
    const ingress = only(app('test-kcp-compute-compute').spec.ignoreDifferences, 'Ingress');
    expect(ingress.group).toBe('networking.k8s.io');
    expect(ingress.jqPathExpressions).toEqual(expect.arrayContaining(['.spec.rules[]?.host', '.spec.tls']));
  });
});

describe('AppProject', () => {
  test('only this repository and these destinations', () => {
    const { objects } = buildArgoCd({}, addKcpLikeCharts);
    const p = only(objects, 'AppProject');
    expect(p.metadata.name).toBe('test-pipeline-service');
    expect(p.metadata.annotations['argocd.argoproj.io/sync-wave']).toBe('-1');
    expect(p.spec.sourceRepos).toEqual(['https://github.com/example-org/pipeline-service-manifests.git']);
    expect(p.spec.destinations).toEqual([
      { name: 'cluster-a', namespace: '*' },
      { ...KCP_COMPUTE, namespace: '*' },
    ]);
  });

  test('exactly the cluster-scoped and namespaced kinds the apps deploy', () => {
    const { objects, components } = buildArgoCd({}, addKcpLikeCharts);
    const p = only(objects, 'AppProject');
    const emitted = (namespaced: boolean) =>
      [...new Set(components.flatMap((c) => c.objects).filter((o) => !!o.metadata.namespace === namespaced).map((o) => `${o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : ''}/${o.kind}`))].sort();
    const listed = (l: any[]) => l.map((r) => `${r.group}/${r.kind}`).sort();
    expect(listed(p.spec.clusterResourceWhitelist)).toEqual(emitted(false));
    expect(listed(p.spec.clusterResourceWhitelist)).toEqual(['/Namespace', 'operator.tekton.dev/TektonConfig', 'rbac.authorization.k8s.io/ClusterRole', 'rbac.authorization.k8s.io/ClusterRoleBinding']);
    expect(listed(p.spec.namespaceResourceWhitelist)).toEqual(emitted(true));
  });

  test('Namespace is allowed when only CreateNamespace creates one', () => {
    const { objects, components } = buildArgoCd();
    expect(components.flatMap((c) => c.objects).filter((o) => o.kind === 'Namespace')).toEqual([]);
    expect(only(objects, 'AppProject').spec.clusterResourceWhitelist).toContainEqual({ group: '', kind: 'Namespace' });
  });
});

describe('InstallPlan approver in the operator app', () => {
  test('its objects are in the operator folder and allowed by the project', () => {
    const { objects, app, components } = buildArgoCd({
      operator: { installPlanApproval: 'Manual', startingCSV: CSV, installPlanApprover: { enabled: true, image: IMAGE } },
    });
    const op = components.find((c) => c.component === 'operator')!;
    expect(op.objects.map((o) => o.kind).sort()).toEqual(['ClusterRole', 'ClusterRoleBinding', 'Job', 'Role', 'RoleBinding', 'ServiceAccount', 'Subscription']);
    const nsKinds = only(objects, 'AppProject').spec.namespaceResourceWhitelist.map((r: any) => r.kind);
    expect(nsKinds).toEqual(expect.arrayContaining(['Job', 'Role', 'RoleBinding', 'ServiceAccount']));
    expect(only(app('test-cluster-a-operator').spec.ignoreDifferences, 'ServiceAccount').jsonPointers).toEqual(['/imagePullSecrets', '/secrets']);
  });
});
