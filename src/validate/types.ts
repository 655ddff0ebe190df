import { formatPath } from '../config/errors';

/** A parsed Kubernetes object as the checks see it: loosely typed, since its shape is what they verify. */
export interface KubeObject {
  readonly apiVersion?: unknown;
  readonly kind?: unknown;
  readonly metadata?: { readonly name?: unknown; readonly namespace?: unknown; readonly labels?: unknown; readonly [key: string]: unknown };
  readonly [key: string]: unknown;
}

/** One object to check and where it came from. */
export interface CheckedObject {
  /** Repository-relative file, e.g. `dist/dev/dev-workload-1/operator/clusterrole_x.yaml`. */
  readonly file: string;
  readonly object: KubeObject;
  /** The environment folder (`dist/<env>/`) it belongs to. */
  readonly env?: string;
  /** The Argo CD application (component folder) it belongs to; exceptions match on it. */
  readonly component?: string;
  /** The target folder it belongs to. */
  readonly target?: string;
}

export type FindingCheck = 'stale' | 'schema' | 'policy' | 'duplicate' | 'exception';

/** One problem: printed as `<file>: <Kind> [<ns>/]<name>: <field>: <message> [<rule>]`. */
export interface Finding {
  readonly check: FindingCheck;
  readonly file: string;
  /** `Kind namespace/name`, or `Kind name` for a cluster-scoped object. */
  readonly object?: string;
  /** Field path, `spec.template.spec.containers[0].image`; `(root)` for the whole object. */
  readonly path?: string;
  readonly message: string;
  /** Policy rule id. */
  readonly rule?: string;
}

export function formatFinding(f: Finding): string {
  const parts = [f.file, f.object, f.path, f.message].filter((p): p is string => !!p);
  return `${parts.join(': ')}${f.rule ? ` [${f.rule}]` : ''}`;
}

export function str(x: unknown): string | undefined {
  return typeof x === 'string' && x !== '' ? x : undefined;
}

/** `Kind ns/name` for messages; tolerant of malformed objects (they are what gets reported). */
export function objectRef(o: KubeObject): string {
  const kind = str(o?.kind) ?? '(no kind)';
  const name = str(o?.metadata?.name) ?? '(no name)';
  const ns = str(o?.metadata?.namespace);
  return `${kind} ${ns ? `${ns}/` : ''}${name}`;
}

/** `apps/v1` -> `apps`; `v1` -> `` (core). */
export function apiGroup(apiVersion: string): string {
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

export { formatPath };

/** `/spec/containers/0/image` (JSON pointer, as ajv reports) -> `spec.containers[0].image`. */
export function pointerToPath(pointer: string, extra: readonly string[] = []): string {
  const keys: PropertyKey[] = pointer
    .split('/')
    .slice(1)
    .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((k) => (/^\d+$/.test(k) ? Number(k) : k));
  return formatPath([...keys, ...extra]);
}
