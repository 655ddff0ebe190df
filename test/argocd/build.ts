import { k8s } from 'cdk8s-plus-27';
import { nestedFolders, synthArgoCd } from '../../src/argocd/synth';
import { ComponentChart } from '../../src/charts/component-chart';
import { EnvironmentApp } from '../../src/charts/environment-app';
import { EnvironmentInput } from '../../src/config';
import { renderFiles } from '../../src/synth/files';
import { synthesize } from '../../src/synth/manifests';
import { testEnvironment } from '../helpers';

/** Synthesizes an environment (optionally extended with more targets and charts) and its app-of-apps. */
export function buildArgoCd(overrides: Partial<EnvironmentInput> = {}, extend?: (app: EnvironmentApp) => void) {
  const config = testEnvironment(overrides);
  const app = new EnvironmentApp(config);
  extend?.(app);
  const { components } = synthesize(app);
  const files = renderFiles(config.name, components);
  const out = synthArgoCd({ config, targets: app.targets, components, nestedFolders: nestedFolders(files.keys()) });
  const objects = [...out.objects.values()] as any[];
  const apps = objects.filter((o) => o.kind === 'Application');
  const app_ = (name: string) => {
    const found = apps.find((a) => a.metadata.name === name);
    if (!found) throw new Error(`no Application ${name} in ${apps.map((a) => a.metadata.name).join(', ')}`);
    return found;
  };
  return { config, out, objects, files, components, app: app_ };
}

export const KCP_COMPUTE = { server: 'https://kcp.example.com/clusters/root:pipeline-service:compute' };

/**
 * What the kcp helpers add, shaped as they add it: a kcp-workspace target with a compute chart,
 * and per cluster a syncer chart that depends on it, plus a gateway depending on the syncer.
 */
export function addKcpLikeCharts(app: EnvironmentApp): void {
  app.addTarget({ name: 'kcp-compute', kind: 'kcp-workspace', destination: KCP_COMPUTE });
  const compute = new ComponentChart(app, 'kcp-compute', { target: 'kcp-compute', component: 'compute' });
  new k8s.KubeIngress(compute, 'Gateway', { metadata: { name: 'pac-gateway', namespace: 'pac-gateway' }, spec: { rules: [{ host: 'pac.example.com' }] } });
  const syncer = new ComponentChart(app, 'cluster-a-kcp-syncer', { target: 'cluster-a', component: 'kcp-syncer' });
  new k8s.KubeNamespace(syncer, 'Namespace', { metadata: { name: 'kcp-syncer-cluster-a-1a2b3c4d' } });
  new k8s.KubeServiceAccount(syncer, 'ServiceAccount', { metadata: { name: 'kcp-syncer', namespace: 'kcp-syncer-cluster-a-1a2b3c4d' } });
  syncer.addDependency(compute);
  const gateway = new ComponentChart(app, 'cluster-a-gateway-route', { target: 'cluster-a', component: 'gateway-route' });
  new k8s.KubeConfigMap(gateway, 'Route', { metadata: { name: 'route', namespace: 'pac-gateway' } });
  gateway.addDependency(syncer);
}
