import { pathOf } from '../pods';
import { podRule } from './pod-rule';

const ALLOWED = ['RuntimeDefault', 'Localhost'];

export const podSeccompRuntimeDefault = podRule(
  'pod-seccomp-runtime-default',
  'every container runs with seccompProfile.type RuntimeDefault (or Localhost), set on the container or the pod',
  'restricted Pod Security: an unconfined container can call any syscall, the widest kernel attack surface',
  ({ container, path }, pod) => {
    const type = container.securityContext?.seccompProfile?.type ?? pod.spec.securityContext?.seccompProfile?.type;
    if (ALLOWED.includes(type)) return [];
    return [
      {
        path: pathOf(path, 'securityContext', 'seccompProfile', 'type'),
        message: `must be RuntimeDefault (on the container or in the pod securityContext), got ${JSON.stringify(type ?? null)}`,
      },
    ];
  },
);
