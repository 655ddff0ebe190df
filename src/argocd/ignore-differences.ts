import { ApplicationSpecIgnoreDifferences } from '../../imports/argocd-application-argoproj.io';
import type { Target } from '../charts/environment-app';
import type { Manifest } from '../synth/manifests';

type TargetKind = Target['kind'];

/** What the writers' behaviour depends on beyond the object: deployment facts from config. */
export interface IgnoreContext {
  /** kcp-glbc runs with custom hosts allowed (`pacGateway.glbc.customHosts`). */
  readonly glbcCustomHosts: boolean;
}

export const DEFAULT_IGNORE_CONTEXT: IgnoreContext = { glbcCustomHosts: false };

/** A field another controller writes back, which Argo CD must not revert (or show as drift). */
export interface IgnoreRule {
  readonly group: string;
  readonly kind: string;
  /** Where that controller runs. @default - every target kind */
  readonly targetKinds?: readonly TargetKind[];
  /** Why the field is not ours: written into the docs and kept next to the rule. */
  readonly reason: string;
  readonly jsonPointers?: readonly string[];
  readonly jqPathExpressions?: readonly string[];
  /** Paths that depend on what git sets in this object. */
  readonly fromObject?: (obj: Manifest, context: IgnoreContext) => readonly string[];
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

function jqPath(keys: readonly string[]): string {
  return keys.map((k) => (IDENTIFIER.test(k) ? `.${k}` : `[${JSON.stringify(k)}]`)).join('');
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * jq paths of every field below `root` that git does not set: per object node, its other keys;
 * per list of named items (`params`), the items with other names; an empty list, all items.
 * Lists of plain values (`pruner.resources`) stay git's as a whole. What git sets stays compared,
 * so a change in git is still applied and drift in our fields is still healed.
 */
export function unsetFieldPaths(obj: Manifest, root: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (value: unknown, path: readonly string[]) => {
    const p = jqPath(path);
    if (isObject(value)) {
      const keys = Object.keys(value).sort();
      out.push(`${p}[(${p} // {} | keys - ${JSON.stringify(keys)})[]]`);
      for (const k of keys) walk(value[k], [...path, k]);
    } else if (Array.isArray(value) && value.length === 0) {
      // An empty list sets nothing: items the operator adds (default params) are not ours.
      out.push(`${p}[]?`);
    } else if (Array.isArray(value) && value.every((i) => isObject(i) && typeof i.name === 'string')) {
      // Array subtraction compares whole values; `inside` would compare strings as substrings
      // (git's `createRbac` would keep the operator's `createRbacResource`).
      const names = value.map((i) => (i as { name: string }).name).sort();
      out.push(`${p}[]? | select(([.name] - ${JSON.stringify(names)}) | length > 0)`);
    }
  };
  let node: unknown = obj;
  for (const k of root) node = isObject(node) ? node[k] : undefined;
  walk(node, root);
  return out;
}

/** Every field some other writer owns, by kind. Applied to an app only when it holds that kind. */
export const IGNORE_RULES: readonly IgnoreRule[] = [
  {
    group: 'operator.tekton.dev',
    kind: 'TektonConfig',
    reason:
      'the Tekton operator writes its defaults into every TektonConfig field git leaves unset and labels it with its release version; ' +
      'without a last-applied annotation (a config the operator created first) Argo CD would show and revert them forever',
    jsonPointers: ['/metadata/labels/operator.tekton.dev~1release-version'],
    fromObject: (obj) => unsetFieldPaths(obj, ['spec']),
  },
  {
    group: 'networking.k8s.io',
    kind: 'Ingress',
    targetKinds: ['kcp-workspace'],
    reason:
      'kcp-glbc gives Ingresses in kcp workspaces its managed host (kuadrant.dev/host.generated) and TLS for it, and records its state in annotations: ' +
      'by default it replaces the host of every rule; with custom hosts allowed it keeps our rule and appends a copy for its host (unverified hosts move to the pendingCustomHosts annotation)',
    jqPathExpressions: ['.metadata.annotations[(.metadata.annotations // {} | keys[] | select(startswith("kuadrant.dev/") or . == "pendingCustomHosts"))]'],
    fromObject: glbcIngressPaths,
  },
  {
    group: '',
    kind: 'ServiceAccount',
    targetKinds: ['workload-cluster'],
    reason: 'OpenShift adds the generated dockercfg pull secret (and its token secret) to every ServiceAccount',
    jsonPointers: ['/imagePullSecrets', '/secrets'],
  },
];

/**
 * What kcp-glbc changes in an Ingress's spec (Kuadrant/kcp-glbc pkg/reconciler/ingress/host.go:
 * replaceCustomHosts sets every rule's host to the managed host; doProcessCustomHosts, with
 * custom hosts enabled, keeps each verified rule, appends a copy with the managed host, and the
 * TLS reconciler adds an entry for the managed host). In custom-hosts mode only rules and TLS
 * entries for hosts git does not set are ignored: our rule stays compared.
 */
export function glbcIngressPaths(obj: Manifest, context: IgnoreContext): string[] {
  if (!context.glbcCustomHosts) return ['.spec.rules[]?.host', '.spec.tls'];
  const spec = (obj as { spec?: { rules?: { host?: string }[]; tls?: unknown[] } }).spec;
  const ours = [...new Set((spec?.rules ?? []).map((r) => r.host ?? ''))].sort();
  const list = JSON.stringify(ours);
  // Without TLS in git the whole list is GLBC's (an emptied list would still differ from none).
  const tls = spec?.tls?.length ? `.spec.tls[]? | select(((.hosts // []) - ${list}) | length > 0)` : '.spec.tls';
  return [`.spec.rules[]? | select(([.host // ""] - ${list}) | length > 0)`, tls];
}

/** Whether an ignore rule reads the object's content (`fromObject`), not only its identity. */
export function readsWholeObject(obj: Manifest, rules: readonly IgnoreRule[] = IGNORE_RULES): boolean {
  const group = groupOf(obj.apiVersion);
  return rules.some((r) => r.fromObject !== undefined && r.group === group && r.kind === obj.kind);
}

export function groupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
}

/**
 * The ignoreDifferences of one app: for each rule whose kind the app holds (on a target kind the
 * writer runs on), one entry per object of that kind, narrowed by name and namespace.
 */
export function ignoreDifferencesFor(
  objects: readonly Manifest[],
  targetKind: TargetKind,
  rules: readonly IgnoreRule[] = IGNORE_RULES,
  context: IgnoreContext = DEFAULT_IGNORE_CONTEXT,
): ApplicationSpecIgnoreDifferences[] {
  const byKind = new Map(rules.filter((r) => !r.targetKinds || r.targetKinds.includes(targetKind)).map((r) => [`${r.group}/${r.kind}`, r]));
  const out: ApplicationSpecIgnoreDifferences[] = [];
  for (const obj of objects) {
    const rule = byKind.get(`${groupOf(obj.apiVersion)}/${obj.kind}`);
    if (!rule) continue;
    const jq = [...(rule.jqPathExpressions ?? []), ...(rule.fromObject?.(obj, context) ?? [])];
    out.push({
      group: rule.group || undefined,
      kind: rule.kind,
      name: obj.metadata.name,
      namespace: obj.metadata.namespace,
      jsonPointers: rule.jsonPointers ? [...rule.jsonPointers] : undefined,
      jqPathExpressions: jq.length > 0 ? jq : undefined,
    });
  }
  return out;
}
