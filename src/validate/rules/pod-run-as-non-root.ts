import { pathOf } from '../pods';
import { podRule } from './pod-rule';

export const podRunAsNonRoot = podRule(
  'pod-run-as-non-root',
  'every container runs with runAsNonRoot: true (set on the container or the pod) and not as UID 0',
  'restricted Pod Security: a process escaping the container as root owns the node',
  ({ container, path }, pod) => {
    const sc = container.securityContext ?? {};
    const podSc = pod.spec.securityContext ?? {};
    const out = [];
    if ((sc.runAsNonRoot ?? podSc.runAsNonRoot) !== true) {
      out.push({ path: pathOf(path, 'securityContext', 'runAsNonRoot'), message: 'must be true (on the container or in the pod securityContext)' });
    }
    if ((sc.runAsUser ?? podSc.runAsUser) === 0) out.push({ path: pathOf(path, 'securityContext', 'runAsUser'), message: 'must not be 0 (root)' });
    return out;
  },
);
