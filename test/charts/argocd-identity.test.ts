import { EnvironmentApp } from '../../src/charts/environment-app';
import { EnvironmentInput } from '../../src/config';
import { synthesize } from '../../src/synth/manifests';
import { ofKind, testEnvironment } from '../helpers';

function subjects(clusters: EnvironmentInput['clusters'], argocd?: EnvironmentInput['argocd']) {
  const result = synthesize(new EnvironmentApp(testEnvironment({ clusters, ...(argocd ? { argocd } : {}) })));
  return Object.fromEntries(
    result.components
      .filter((c) => c.component === 'operator')
      .map((c) => [c.target, ofKind(c.objects as any[], 'ClusterRoleBinding').find((b) => b.metadata.name === 'pipeline-service-argocd-tektonconfigs').subjects]),
  );
}

describe("Argo CD's TektonConfig access is bound to the identity Argo CD uses on each cluster", () => {
  test('in-cluster (by server or name): the application controller; remote: kube-system/argocd-manager; or the configured account', () => {
    expect(
      subjects(
        [
          { name: 'local', destination: { server: 'https://kubernetes.default.svc' } },
          { name: 'local-by-name', destination: { name: 'in-cluster' } },
          { name: 'remote', destination: { server: 'https://api.remote.example.com:6443' } },
          { name: 'custom', destination: { name: 'custom' }, argocdServiceAccount: { namespace: 'gitops-access', name: 'pipeline-service-deployer' } },
        ],
        { namespace: 'gitops', applicationControllerServiceAccount: 'gitops-controller' },
      ),
    ).toEqual({
      local: [{ kind: 'ServiceAccount', name: 'gitops-controller', namespace: 'gitops' }],
      'local-by-name': [{ kind: 'ServiceAccount', name: 'gitops-controller', namespace: 'gitops' }],
      remote: [{ kind: 'ServiceAccount', name: 'argocd-manager', namespace: 'kube-system' }],
      custom: [{ kind: 'ServiceAccount', name: 'pipeline-service-deployer', namespace: 'gitops-access' }],
    });
  });
});
