import { formatPath } from '../../config/errors';
import { KubeObject } from '../types';
import { PolicyRule, Violation } from './rule';

const BINDING_KINDS = new Set(['RoleBinding', 'ClusterRoleBinding']);

export const rbacNoClusterAdmin: PolicyRule<'rbac-no-cluster-admin'> = {
  id: 'rbac-no-cluster-admin',
  description: 'no RoleBinding or ClusterRoleBinding grants the cluster-admin ClusterRole or binds the system:masters group',
  why: 'least privilege: cluster-admin is every permission on every resource, unrevocable by narrower roles',
  check(obj: KubeObject): Violation[] {
    if (!BINDING_KINDS.has(String(obj.kind)) || obj.apiVersion !== 'rbac.authorization.k8s.io/v1') return [];
    const out: Violation[] = [];
    const roleRef = obj.roleRef as { kind?: unknown; name?: unknown } | undefined;
    if (roleRef?.kind === 'ClusterRole' && roleRef.name === 'cluster-admin') {
      out.push({ path: 'roleRef.name', message: 'must not be cluster-admin: bind a role with the permissions needed' });
    }
    const subjects = Array.isArray(obj.subjects) ? (obj.subjects as { kind?: unknown; name?: unknown }[]) : [];
    subjects.forEach((s, i) => {
      if (s?.kind === 'Group' && s.name === 'system:masters') out.push({ path: formatPath(['subjects', i, 'name']), message: 'must not be system:masters' });
    });
    return out;
  },
};
