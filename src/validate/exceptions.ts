import { RbacRule, RuleId, Violation } from './rules';
import { CheckedObject, str } from './types';

/**
 * Which objects an exception covers. Each field is a glob (`*` matches any run of characters);
 * an omitted field matches everything. `component` and `target` are the dist/ folders.
 */
export interface ObjectMatch {
  /** The environment folder, `dist/<env>/`. */
  readonly env?: string;
  readonly component?: string;
  readonly target?: string;
  readonly kind?: string;
  readonly namespace?: string;
  readonly name?: string;
}

/**
 * A documented waiver of one policy rule for some objects. Waivers live in code (this file, or a
 * construct's module exporting one that is listed here), reviewed like code; output is never edited.
 */
export interface PolicyException {
  readonly rule: RuleId;
  readonly match: ObjectMatch;
  /** Why the rule cannot hold for these objects; required so a reviewer can judge it. */
  readonly reason: string;
  /** Narrows the waiver to some violations of the matched objects; default: all of them. */
  readonly covers?: (violation: Violation) => boolean;
  /** Where it is declared, for reports: the construct path of a declared one; default this file. */
  readonly source?: string;
}

/** The kcp syncer's RBAC on one API group: the resources it syncs there. */
export interface SyncedResources {
  readonly apiGroup: string;
  /** Plural resource names, or `['*']` when the syncer's design syncs every resource of the group. */
  readonly resources: readonly string[];
}

/**
 * The kcp syncer reconciles every verb on the resources it syncs, so its ClusterRole uses `verbs: ['*']`
 * there (kcp's own `workload sync` generates it so). This waives rbac-no-wildcards for the named
 * role only in rules whose every apiGroup and resource is a synced one; a '*' resource is waived
 * only where `syncedResources` says '*' for that group.
 */
export function kcpSyncerRbacException(props: {
  readonly match: ObjectMatch;
  readonly syncedResources: readonly SyncedResources[];
  readonly reason?: string;
}): PolicyException {
  return {
    rule: 'rbac-no-wildcards',
    match: props.match,
    reason: props.reason ?? 'the kcp syncer needs every verb on the resources it syncs',
    covers: coversSyncedResources(props.syncedResources),
  };
}

/**
 * True for an rbac-no-wildcards violation in a rule whose every API group and resource (or its
 * parent, for a subresource) is a synced one; a '*' resource only where the group syncs '*'.
 */
export function coversSyncedResources(syncedResources: readonly SyncedResources[]): (v: Violation) => boolean {
  const synced = new Map<string, Set<string>>();
  for (const s of syncedResources) synced.set(s.apiGroup, new Set([...(synced.get(s.apiGroup) ?? []), ...s.resources]));
  return (v) => {
    const rule = v.detail as RbacRule | undefined;
    const groups = rule?.apiGroups ?? [];
    const resources = rule?.resources ?? [];
    if (groups.length === 0 || resources.length === 0 || (rule?.nonResourceURLs?.length ?? 0) > 0) return false;
    return groups.every((g) => {
      const allowed = synced.get(g);
      return !!allowed && resources.every((r) => allowed.has(r) || allowed.has(r.split('/')[0]));
    });
  };
}

/**
 * Waivers that no construct can declare for itself (e.g. for a whole component). Empty today: the
 * waivers in force are declared by the constructs on their own objects (`declarePolicyException`,
 * src/lib/policy-exceptions.ts). `npm run check` reports any exception that waives nothing.
 */
export const POLICY_EXCEPTIONS: readonly PolicyException[] = [];

function glob(pattern: string | undefined): ((s: string | undefined) => boolean) | undefined {
  if (pattern === undefined) return undefined;
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return (s) => re.test(s ?? '');
}

/** A compiled exception: matching an object costs a few regex tests, not a rebuild per object. */
export class CompiledException {
  private readonly tests: ((o: CheckedObject) => boolean)[];
  /** Violations it waived, for reporting exceptions that waive nothing. */
  public used = 0;

  constructor(public readonly exception: PolicyException) {
    const m = exception.match;
    const field = (pattern: string | undefined, get: (o: CheckedObject) => string | undefined) => {
      const g = glob(pattern);
      return g && ((o: CheckedObject) => g(get(o)));
    };
    this.tests = [
      field(m.env, (o) => o.env),
      field(m.component, (o) => o.component),
      field(m.target, (o) => o.target),
      field(m.kind, (o) => str(o.object.kind)),
      field(m.namespace, (o) => str(o.object.metadata?.namespace)),
      field(m.name, (o) => str(o.object.metadata?.name)),
    ].filter((t): t is (o: CheckedObject) => boolean => !!t);
  }

  /** The name it matches exactly (no glob), for indexing; undefined when it matches by pattern. */
  public get exactName(): string | undefined {
    const n = this.exception.match.name;
    return n !== undefined && !n.includes('*') ? n : undefined;
  }

  public waives(rule: string, o: CheckedObject, v: Violation): boolean {
    const hit = rule === this.exception.rule && this.tests.every((t) => t(o)) && (this.exception.covers?.(v) ?? true);
    if (hit) this.used += 1;
    return hit;
  }

  public describe(): string {
    const m = Object.entries(this.exception.match).map(([k, v]) => `${k}=${v}`).join(' ');
    return `${this.exception.rule} for ${m || 'every object'}`;
  }
}
