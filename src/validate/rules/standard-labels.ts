import { formatPath } from '../../config/errors';
import { MANAGED_BY, PART_OF } from '../../lib/labels';
import { KubeObject } from '../types';
import { PolicyRule, Violation } from './rule';

/** Label -> the value it must have, or undefined when any non-empty value will do. */
export const STANDARD_LABELS: Readonly<Record<string, string | undefined>> = {
  'app.kubernetes.io/name': undefined,
  'app.kubernetes.io/part-of': PART_OF,
  'app.kubernetes.io/managed-by': MANAGED_BY,
};

export const standardLabelsRule: PolicyRule<'standard-labels'> = {
  id: 'standard-labels',
  description: `every object has app.kubernetes.io/name, app.kubernetes.io/part-of=${PART_OF} and app.kubernetes.io/managed-by=${MANAGED_BY}`,
  why: 'users and tools select by these labels (kubectl -l, Argo CD, cost and audit reports); an unlabelled object is invisible to them',
  check(obj: KubeObject): Violation[] {
    const labels = (obj.metadata?.labels ?? {}) as Record<string, unknown>;
    const out: Violation[] = [];
    for (const [label, want] of Object.entries(STANDARD_LABELS)) {
      const path = formatPath(['metadata', 'labels', label]);
      const got = labels[label];
      if (typeof got !== 'string' || got === '') out.push({ path, message: 'is required' });
      else if (want !== undefined && got !== want) out.push({ path, message: `must be ${JSON.stringify(want)}, got ${JSON.stringify(got)}` });
    }
    return out;
  },
};
