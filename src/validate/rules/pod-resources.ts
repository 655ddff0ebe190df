import { pathOf } from '../pods';
import { podRule } from './pod-rule';

export const podResources = podRule(
  'pod-resources',
  'every container (and init container) requests and limits cpu and memory',
  'without requests the scheduler overcommits nodes; without limits one runaway controller starves the others',
  ({ container, path }) => {
    const ephemeral = path.includes('ephemeralContainers');
    if (ephemeral) return [];
    const out = [];
    for (const kind of ['requests', 'limits']) {
      for (const resource of ['cpu', 'memory']) {
        const v = container.resources?.[kind]?.[resource];
        if (v === undefined || v === null || v === '') out.push({ path: pathOf(path, 'resources', kind, resource), message: 'is required' });
      }
    }
    return out;
  },
);
