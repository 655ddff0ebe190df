import { pathOf } from '../pods';
import { podRule } from './pod-rule';

export const podProbes = podRule(
  'pod-probes',
  'every container of a long-running controller (Deployment, StatefulSet, DaemonSet, ReplicaSet) has a livenessProbe and a readinessProbe',
  'without probes a hung controller is never restarted and a starting one receives traffic',
  ({ container, path, regular }, pod) => {
    if (!pod.longRunning || !regular) return [];
    return ['livenessProbe', 'readinessProbe'].filter((p) => !container[p]).map((p) => ({ path: pathOf(path, p), message: 'is required for a long-running controller' }));
  },
);
