import { pathOf } from '../pods';
import { podRule } from './pod-rule';

export const podNoHostAccess = podRule(
  'pod-no-host-access',
  'no hostNetwork, hostPID, hostIPC, hostPath volumes or hostPorts',
  'baseline Pod Security: host namespaces and paths break the isolation between the pod and the node',
  ({ container, path }) => {
    const ports = Array.isArray(container.ports) ? container.ports : [];
    return ports.flatMap((p: any, i: number) => (p?.hostPort ? [{ path: pathOf(path, 'ports', i, 'hostPort'), message: 'must not be set' }] : []));
  },
  (pod) => {
    const out = ['hostNetwork', 'hostPID', 'hostIPC']
      .filter((f) => pod.spec[f] === true)
      .map((f) => ({ path: pathOf(pod.path, f), message: 'must not be true' }));
    const volumes = Array.isArray(pod.spec.volumes) ? pod.spec.volumes : [];
    volumes.forEach((v: any, i: number) => {
      if (v?.hostPath) out.push({ path: pathOf(pod.path, 'volumes', i, 'hostPath'), message: 'hostPath volumes are not allowed' });
    });
    return out;
  },
);
