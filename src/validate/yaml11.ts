import { formatPath } from '../config/errors';

/** How a value appears in a message: strings quoted, dates as the timestamp they are. */
function show(v: unknown): string {
  if (v instanceof Date) return `a timestamp (${Number.isNaN(v.getTime()) ? 'invalid' : v.toISOString()})`;
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? String(v);
  return Array.isArray(v) ? 'a sequence' : 'a mapping';
}

/**
 * Where one document reads differently as YAML 1.1 (kubectl, Argo CD and most Go tools read
 * manifests as 1.1: `no` and `on` are booleans, `0755` and `1:20` numbers) than as YAML 1.2:
 * `<field path>: <message>`, one per scalar or key. `v12` and `v11` are the same document's
 * `toJS()` under each version.
 */
export function yaml11Differences(v12: unknown, v11: unknown, path: PropertyKey[] = [], out: string[] = []): string[] {
  if (Array.isArray(v12)) {
    if (!Array.isArray(v11) || v11.length !== v12.length) out.push(`${formatPath(path)}: reads as ${show(v11)} in YAML 1.1`);
    else v12.forEach((item, i) => yaml11Differences(item, v11[i], [...path, i], out));
    return out;
  }
  if (v12 !== null && typeof v12 === 'object') {
    if (v11 === null || typeof v11 !== 'object' || Array.isArray(v11) || v11 instanceof Date) {
      out.push(`${formatPath(path)}: reads as ${show(v11)} in YAML 1.1`);
      return out;
    }
    const m11 = v11 as Record<string, unknown>;
    for (const [k, v] of Object.entries(v12)) {
      if (!Object.hasOwn(m11, k)) out.push(`${formatPath([...path, k])}: the key ${JSON.stringify(k)} reads as something else in YAML 1.1 (kubectl, Argo CD): quote it`);
      else yaml11Differences(v, m11[k], [...path, k], out);
    }
    return out;
  }
  const same = v12 === v11 || (typeof v12 === 'number' && typeof v11 === 'number' && Number.isNaN(v12) && Number.isNaN(v11));
  if (!same) out.push(`${formatPath(path)}: ${show(v12)} reads as ${show(v11)} in YAML 1.1 (kubectl, Argo CD)${typeof v12 === 'string' ? ': quote it' : ''}`);
  return out;
}
