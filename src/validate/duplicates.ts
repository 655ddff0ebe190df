import { CheckedObject, Finding, apiGroup, objectRef, str } from './types';

/** An object and the Argo CD destination it is deployed to (`server:<url>` or `name:<cluster>`). */
export interface DeployedObject extends CheckedObject {
  readonly destination: string;
}

/**
 * Two objects with the same group, kind, namespace and name in one destination fight over one
 * live object: Argo CD syncs them in turn (or reports SharedResourceWarning). One pass, indexed by key.
 */
export function findDuplicates(objects: readonly DeployedObject[]): Finding[] {
  const seen = new Map<string, DeployedObject>();
  const findings: Finding[] = [];
  for (const o of objects) {
    const kind = str(o.object?.kind);
    const name = str(o.object?.metadata?.name);
    if (!kind || !name) continue; // reported by the schema check
    const group = apiGroup(str(o.object.apiVersion) ?? '');
    const ns = str(o.object.metadata?.namespace) ?? '';
    const key = JSON.stringify([o.destination, group, kind, ns, name]);
    const first = seen.get(key);
    if (first) {
      findings.push({
        check: 'duplicate',
        file: o.file,
        object: objectRef(o.object),
        path: 'metadata.name',
        message: `same ${group || 'core'} ${kind}, namespace and name as ${first.file}, both deployed to ${o.destination}`,
      });
    } else {
      seen.set(key, o);
    }
  }
  return findings;
}
