import { pathOf } from '../pods';
import { podRule } from './pod-rule';

export const podDropAllCapabilities = podRule(
  'pod-drop-all-capabilities',
  'every container drops ALL capabilities and adds none but NET_BIND_SERVICE',
  'restricted Pod Security: default capabilities (NET_RAW, CHOWN, ...) are not needed by controllers',
  ({ container, path }) => {
    const caps = container.securityContext?.capabilities ?? {};
    const out = [];
    if (!Array.isArray(caps.drop) || !caps.drop.includes('ALL')) {
      out.push({ path: pathOf(path, 'securityContext', 'capabilities', 'drop'), message: 'must include "ALL"' });
    }
    if (Array.isArray(caps.add)) {
      caps.add.forEach((c: unknown, i: number) => {
        if (c !== 'NET_BIND_SERVICE') out.push({ path: pathOf(path, 'securityContext', 'capabilities', 'add', i), message: `must not add ${JSON.stringify(c)} (only NET_BIND_SERVICE)` });
      });
    }
    return out;
  },
);
