import { RbacRule, RuleId, Violation } from './rules';
import { CheckedObject, str } from './types';

/**
 * Which objects an exception covers. Each field is a glob (`*` matches any run of characters);
 * an omitted field matches everything. `component` and `target` are the dist/ folders.
 */
export interface ObjectMatch {
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
  const synced = new Map(props.syncedResources.map((s) => [s.apiGroup, new Set(s.resources)]));
  return {
    rule: 'rbac-no-wildcards',
    match: props.match,
    reason: props.reason ?? 'the kcp syncer needs every verb on the resources it syncs',
    covers: (v) => {
      const rule = v.detail as RbacRule | undefined;
      const groups = rule?.apiGroups ?? [];
      const resources = rule?.resources ?? [];
      if (groups.length === 0 || resources.length === 0 || (rule?.nonResourceURLs?.length ?? 0) > 0) return false;
      return groups.every((g) => {
        const allowed = synced.get(g);
        return !!allowed && resources.every((r) => allowed.has(r) || allowed.has(r.split('/')[0]));
      });
    },
  };
}

/**
 * Every waiver in force. Empty today: nothing the project synthesizes needs one. Add an entry
 * with a reason; `npm run check` reports one that waives nothing so the list cannot rot.
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
      field(m.component, (o) => o.component),
      field(m.target, (o) => o.target),
      field(m.kind, (o) => str(o.object.kind)),
      field(m.namespace, (o) => str(o.object.metadata?.namespace)),
      field(m.name, (o) => str(o.object.metadata?.name)),
    ].filter((t): t is (o: CheckedObject) => boolean => !!t);
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
