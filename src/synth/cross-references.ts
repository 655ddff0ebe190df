import { ExternalReference, isBuiltInClusterRole, objectKey } from '../lib/external-references';
import type { ComponentManifests, Manifest } from './types';

interface Located {
  readonly component: string;
  readonly obj: Manifest;
}

/** What one target's output holds, indexed by (kind, namespace, name) and by pod label. */
class TargetIndex {
  readonly objects = new Map<string, Located>();
  /** `namespace \0 key=value` -> pod templates carrying that label. */
  readonly podLabels = new Map<string, Located[]>();
  readonly externals = new Set<string>();
  /** `kind \0 key=value` -> SyncTargets and Namespaces carrying that label (what Locations and Placements select). */
  readonly objectLabels = new Map<string, Located[]>();

  add(component: string, obj: Manifest): void {
    const located = { component, obj };
    this.objects.set(objectKey(obj.kind, obj.metadata.namespace, obj.metadata.name), located);
    if (obj.kind === 'SyncTarget' || obj.kind === 'Namespace') {
      for (const [k, v] of Object.entries((obj.metadata.labels as Record<string, string> | undefined) ?? {})) {
        const key = `${obj.kind}\u0000${k}=${v}`;
        const list = this.objectLabels.get(key);
        if (list) list.push(located);
        else this.objectLabels.set(key, [located]);
      }
    }
    if (obj.kind === 'Deployment') {
      const labels: Record<string, string> = (obj as any).spec?.template?.metadata?.labels ?? {};
      for (const [k, v] of Object.entries(labels)) {
        const key = `${obj.metadata.namespace ?? ''}\u0000${k}=${v}`;
        const list = this.podLabels.get(key);
        if (list) list.push(located);
        else this.podLabels.set(key, [located]);
      }
    }
  }

  has(kind: string, namespace: string | undefined, name: string): boolean {
    const key = objectKey(kind, namespace, name);
    return this.objects.has(key) || this.externals.has(key);
  }
}

function describe(obj: Manifest): string {
  return `${obj.kind} ${obj.metadata.namespace ? `${obj.metadata.namespace}/` : ''}${obj.metadata.name}`;
}

/**
 * References between objects that Kubernetes accepts but that break at run time: a Service
 * selecting no pods, an Ingress routing to a missing Service or port, a binding to a missing
 * Role or ServiceAccount, a kcp Location selecting no SyncTarget, a Placement selecting no
 * Namespace (where the workspace's Namespaces are in the output). Checked within each target's output, plus the references declared
 * external. One line per broken reference: `<target>/<component>: <Kind> <ns>/<name>: ...`.
 * Linear in the number of objects: everything is looked up in indexes.
 */
export function checkCrossReferences(
  components: readonly ComponentManifests[],
  externals: ReadonlyMap<string, readonly ExternalReference[]> = new Map(),
): string[] {
  const targets = new Map<string, TargetIndex>();
  // A consumer workspace's namespaces are its users', never in git: its Placements are checked by config instead.
  const declaresNamespaces = new Set<string>();
  for (const c of components) {
    let index = targets.get(c.target);
    if (!index) targets.set(c.target, (index = new TargetIndex()));
    for (const obj of c.objects) {
      index.add(c.component, obj);
      if (obj.kind === 'Namespace') declaresNamespaces.add(c.target);
    }
  }
  for (const [target, refs] of externals) {
    const index = targets.get(target);
    if (index) for (const r of refs) index.externals.add(objectKey(r.kind, r.namespace, r.name));
  }

  const lines: string[] = [];
  for (const c of components) {
    const index = targets.get(c.target)!;
    const report = (obj: Manifest, message: string) => lines.push(`${c.target}/${c.component}: ${describe(obj)}: ${message}`);
    for (const obj of c.objects) {
      if (obj.kind === 'Service') checkService(obj, index, report);
      else if (obj.kind === 'Ingress') checkIngress(obj, index, report);
      else if (obj.kind === 'RoleBinding' || obj.kind === 'ClusterRoleBinding') checkBinding(obj, index, report);
      else if (obj.kind === 'Location' && obj.apiVersion.startsWith('scheduling.kcp.io/')) checkSelects(obj, (obj as any).spec?.instanceSelector?.matchLabels, 'instanceSelector', 'SyncTarget', index, report);
      else if (obj.kind === 'Placement' && obj.apiVersion.startsWith('scheduling.kcp.io/') && declaresNamespaces.has(c.target)) checkSelects(obj, (obj as any).spec?.namespaceSelector?.matchLabels, 'namespaceSelector', 'Namespace', index, report);
    }
  }
  return lines;
}

type Report = (obj: Manifest, message: string) => void;

function checkService(svc: Manifest, index: TargetIndex, report: Report): void {
  const spec = (svc as any).spec ?? {};
  const selector: Record<string, string> = spec.selector ?? {};
  const pairs = Object.entries(selector);
  // No selector: endpoints are managed by hand (or ExternalName); nothing to match.
  if (pairs.length === 0 || spec.type === 'ExternalName') return;
  const ns = svc.metadata.namespace ?? '';
  // Candidates: the pod templates with the rarest of the selector's labels; then all labels must match.
  let candidates: Located[] | undefined;
  for (const [k, v] of pairs) {
    const list = index.podLabels.get(`${ns}\u0000${k}=${v}`) ?? [];
    if (!candidates || list.length < candidates.length) candidates = list;
  }
  const matches = candidates!.filter((d) => {
    const labels = (d.obj as any).spec.template.metadata.labels as Record<string, string>;
    return pairs.every(([k, v]) => labels[k] === v);
  });
  const shown = pairs.map(([k, v]) => `${k}=${v}`).join(',');
  if (matches.length === 0) {
    report(svc, `selector ${shown} matches no Deployment's pod template labels in namespace ${ns}`);
    return;
  }
  const portNames = new Set<string>();
  for (const d of matches) {
    for (const container of (d.obj as any).spec.template.spec?.containers ?? []) {
      for (const p of container.ports ?? []) if (p.name) portNames.add(p.name);
    }
  }
  for (const p of spec.ports ?? []) {
    if (typeof p.targetPort === 'string' && !portNames.has(p.targetPort)) {
      report(svc, `port ${p.name ?? p.port} targets container port "${p.targetPort}", which no Deployment selected by ${shown} declares`);
    }
  }
}

function checkIngress(ing: Manifest, index: TargetIndex, report: Report): void {
  const spec = (ing as any).spec ?? {};
  const backends: { where: string; backend: any }[] = [];
  if (spec.defaultBackend) backends.push({ where: 'defaultBackend', backend: spec.defaultBackend });
  (spec.rules ?? []).forEach((rule: any, i: number) => {
    (rule.http?.paths ?? []).forEach((path: any, j: number) => backends.push({ where: `rules[${i}].http.paths[${j}] (${rule.host ?? '*'}${path.path ?? ''})`, backend: path.backend }));
  });
  for (const { where, backend } of backends) {
    const service = backend?.service;
    if (!service) continue; // a resource backend (e.g. a storage bucket) is not a Service
    const key = objectKey('Service', ing.metadata.namespace, service.name);
    const found = index.objects.get(key);
    if (!found) {
      if (!index.externals.has(key)) report(ing, `${where}: backend Service "${service.name}" does not exist in namespace ${ing.metadata.namespace}`);
      continue;
    }
    const ports: any[] = (found.obj as any).spec?.ports ?? [];
    const port = service.port ?? {};
    const ok = port.number !== undefined ? ports.some((p) => p.port === port.number) : ports.some((p) => p.name === port.name);
    if (!ok) {
      const wanted = port.number !== undefined ? String(port.number) : `"${port.name}"`;
      report(ing, `${where}: Service "${service.name}" has no port ${wanted} (it has ${ports.map((p) => p.name ?? p.port).join(', ') || 'none'})`);
    }
  }
}

function checkBinding(binding: Manifest, index: TargetIndex, report: Report): void {
  const roleRef = (binding as any).roleRef ?? {};
  const ns = binding.metadata.namespace;
  if (roleRef.kind === 'ClusterRole') {
    if (!isBuiltInClusterRole(roleRef.name) && !index.has('ClusterRole', undefined, roleRef.name)) {
      report(binding, `roleRef ClusterRole "${roleRef.name}" is neither in the output nor a built-in or declared external ClusterRole`);
    }
  } else if (roleRef.kind === 'Role') {
    if (!index.has('Role', ns, roleRef.name)) report(binding, `roleRef Role "${roleRef.name}" does not exist in namespace ${ns} (nor is it declared external)`);
  }
  for (const s of (binding as any).subjects ?? []) {
    if (s.kind !== 'ServiceAccount') continue; // users and groups are not objects
    const saNamespace = s.namespace ?? ns;
    if (!index.has('ServiceAccount', saNamespace, s.name)) {
      report(binding, `subject ServiceAccount ${saNamespace}/${s.name} is neither in the output nor declared external`);
    }
  }
}

/** A Location (or Placement) whose `matchLabels` select no SyncTarget (Namespace) of the same workspace schedules nothing. */
function checkSelects(obj: Manifest, matchLabels: Record<string, string> | undefined, field: string, kind: string, index: TargetIndex, report: Report): void {
  const pairs = Object.entries(matchLabels ?? {});
  // Empty: selects everything (kcp's default objects); expressions alone are not evaluated here.
  if (pairs.length === 0) return;
  let candidates: Located[] | undefined;
  for (const [k, v] of pairs) {
    const list = index.objectLabels.get(`${kind}\u0000${k}=${v}`) ?? [];
    if (!candidates || list.length < candidates.length) candidates = list;
  }
  if (!candidates!.some((c) => pairs.every(([k, v]) => (c.obj.metadata.labels as Record<string, string> | undefined)?.[k] === v))) {
    report(obj, `${field} ${pairs.map(([k, v]) => `${k}=${v}`).join(',')} matches no ${kind} in this workspace's output`);
  }
}
