import { ApiObject, Testing } from 'cdk8s';
import { TektonConfigAccess } from '../../src/constructs/tekton-config-access';
import { only, testChart } from '../helpers';

describe('TektonConfigAccess', () => {
  test("grants Argo CD's application controller exactly what managing tektonconfigs needs", () => {
    const chart = testChart();
    new TektonConfigAccess(chart, 'access');
    const manifests = Testing.synth(chart);
    const role = only(manifests, 'ClusterRole');
    expect(role.rules).toEqual([{ apiGroups: ['operator.tekton.dev'], resources: ['tektonconfigs'], verbs: ['get', 'list', 'watch', 'create', 'patch'] }]);
    const binding = only(manifests, 'ClusterRoleBinding');
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role.metadata.name });
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'openshift-gitops-argocd-application-controller', namespace: 'openshift-gitops' }]);
  });

  test('no delete: TektonConfig is never pruned', () => {
    expect(TektonConfigAccess.VERBS).not.toContain('delete');
    expect(TektonConfigAccess.VERBS).not.toContain('*');
  });

  test('another Argo CD instance', () => {
    const chart = testChart();
    new TektonConfigAccess(chart, 'access', { argocdNamespace: 'argocd', applicationControllerServiceAccount: 'argocd-application-controller', name: 'x' });
    const binding = only(Testing.synth(chart), 'ClusterRoleBinding');
    expect(binding.metadata.name).toBe('x');
    expect(binding.subjects[0]).toEqual({ kind: 'ServiceAccount', name: 'argocd-application-controller', namespace: 'argocd' });
  });

  test('the ClusterRole is the Resource child', () => {
    const access = new TektonConfigAccess(testChart(), 'access');
    expect(ApiObject.of(access)).toBe(access.clusterRole);
  });
});
