import { PolicyException, checkPolicy, kcpSyncerRbacException } from '../../src/validate';
import { CheckedObject, KubeObject } from '../../src/validate/types';
import { load } from './fixture-helpers';

const clusterRole = (rules: object[]): KubeObject => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRole',
  metadata: { name: 'kcp-syncer-cluster-a' },
  rules,
});
const at = (object: KubeObject, component = 'kcp-syncer'): CheckedObject => ({ file: `dist/prod/cluster-a/${component}/x.yaml`, object, component, target: 'cluster-a' });
const rbacFindings = (objects: CheckedObject[], exceptions: PolicyException[]) =>
  checkPolicy(objects, exceptions).findings.filter((f) => f.rule === 'rbac-no-wildcards').map((f) => f.path);

describe('policy exceptions', () => {
  const waiver: PolicyException = { rule: 'rbac-no-wildcards', match: { component: 'kcp-*', kind: 'ClusterRole', name: 'kcp-syncer-*' }, reason: 'test' };

  test('waive the rule for matching objects only', () => {
    const role = clusterRole([{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['*'] }]);
    expect(rbacFindings([at(role)], [waiver])).toEqual([]);
    expect(rbacFindings([at(role, 'operator')], [waiver])).toEqual(['rules[0].verbs']);
    expect(rbacFindings([at({ ...role, metadata: { name: 'other' } })], [waiver])).toEqual(['rules[0].verbs']);
  });

  test('waive only the named rule', () => {
    const r = checkPolicy(load('policy/rbac-no-cluster-admin.yaml'), [waiver]);
    expect(r.findings.map((f) => f.rule)).toEqual(['rbac-no-cluster-admin']);
  });

  test('one that waives nothing is reported as unused', () => {
    const r = checkPolicy(load('good/clusterrole.yaml'), [waiver]);
    expect(r.unusedExceptions).toEqual([waiver]);
  });
});

describe('kcpSyncerRbacException', () => {
  const syncer = kcpSyncerRbacException({
    match: { component: 'kcp-syncer', kind: 'ClusterRole', name: 'kcp-syncer-*' },
    syncedResources: [
      { apiGroup: '', resources: ['configmaps', 'secrets', 'serviceaccounts'] },
      { apiGroup: 'tekton.dev', resources: ['*'] },
    ],
  });

  test('waives wildcard verbs on synced resources, and a wildcard resource where the group is synced whole', () => {
    const role = clusterRole([
      { apiGroups: [''], resources: ['configmaps', 'secrets'], verbs: ['*'] },
      { apiGroups: ['tekton.dev'], resources: ['*'], verbs: ['*'] },
    ]);
    expect(rbacFindings([at(role)], [syncer])).toEqual([]);
  });

  test('does not waive wildcards on resources it does not sync', () => {
    const role = clusterRole([
      { apiGroups: [''], resources: ['configmaps', 'nodes'], verbs: ['*'] },
      { apiGroups: [''], resources: ['*'], verbs: ['get'] },
      { apiGroups: ['*'], resources: ['configmaps'], verbs: ['*'] },
      { apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'], verbs: ['*'] },
    ]);
    expect(rbacFindings([at(role)], [syncer])).toEqual([
      'rules[0].verbs',
      'rules[1].resources',
      'rules[2].apiGroups',
      'rules[2].verbs',
      'rules[3].verbs',
    ]);
  });
});
