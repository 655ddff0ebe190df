import { formatPath } from '../../config/errors';
import { KubeObject } from '../types';
import { PolicyRule, Violation } from './rule';

/** One RBAC PolicyRule, as the exceptions see it (`detail` of a violation). */
export interface RbacRule {
  readonly apiGroups?: readonly string[];
  readonly resources?: readonly string[];
  readonly verbs?: readonly string[];
  readonly nonResourceURLs?: readonly string[];
}

const ROLE_KINDS = new Set(['Role', 'ClusterRole']);

export const rbacNoWildcards: PolicyRule<'rbac-no-wildcards'> = {
  id: 'rbac-no-wildcards',
  description: "no Role or ClusterRole rule uses '*' in apiGroups, resources or verbs",
  why: "least privilege: '*' grants every current and future verb or resource, including escalate, bind and secrets",
  check(obj: KubeObject): Violation[] {
    if (!ROLE_KINDS.has(String(obj.kind)) || obj.apiVersion !== 'rbac.authorization.k8s.io/v1' || !Array.isArray(obj.rules)) return [];
    const out: Violation[] = [];
    (obj.rules as RbacRule[]).forEach((rule, i) => {
      for (const field of ['apiGroups', 'resources', 'verbs'] as const) {
        const list = rule?.[field];
        if (Array.isArray(list) && list.includes('*')) {
          out.push({ path: formatPath(['rules', i, field]), message: `must not contain '*': list the ${field} needed`, detail: rule });
        }
      }
    });
    return out;
  },
};
