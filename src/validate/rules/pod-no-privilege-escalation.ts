import { pathOf } from '../pods';
import { podRule } from './pod-rule';

export const podNoPrivilegeEscalation = podRule(
  'pod-no-privilege-escalation',
  'every container sets allowPrivilegeEscalation: false and is not privileged',
  'restricted Pod Security: setuid binaries and privileged mode give a container root on the node',
  ({ container, path }) => {
    const sc = container.securityContext ?? {};
    const out = [];
    if (sc.allowPrivilegeEscalation !== false) out.push({ path: pathOf(path, 'securityContext', 'allowPrivilegeEscalation'), message: 'must be false' });
    if (sc.privileged === true) out.push({ path: pathOf(path, 'securityContext', 'privileged'), message: 'must not be true' });
    return out;
  },
);
