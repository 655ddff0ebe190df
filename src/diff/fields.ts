import { formatPath } from '../config';

/** One changed field: `undefined` is absent on that side. */
export interface FieldChange {
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Where `a` and `b` differ, with both values: the deepest differing key; a list that changes
 * length as a whole (its items have no identity to pair them by).
 */
export function changedFields(a: unknown, b: unknown, path: (string | number)[] = [], out: FieldChange[] = []): FieldChange[] {
  if (isObject(a) && isObject(b)) {
    for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) changedFields(a[k], b[k], [...path, k], out);
  } else if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    a.forEach((x, i) => changedFields(x, b[i], [...path, i], out));
  } else if (JSON.stringify(a) !== JSON.stringify(b)) {
    out.push({ path: formatPath(path), before: a, after: b });
  }
  return out;
}
