import { CompiledException, POLICY_EXCEPTIONS, PolicyException } from './exceptions';
import { PolicyRule, RULES } from './rules';
import { CheckedObject, Finding, objectRef, str } from './types';

export interface PolicyResult {
  readonly findings: Finding[];
  /** Exceptions that waived no violation: stale waivers. */
  readonly unusedExceptions: PolicyException[];
}

/** Runs every rule on every object; violations an exception covers are dropped. */
export function checkPolicy(
  objects: readonly CheckedObject[],
  exceptions: readonly PolicyException[] = POLICY_EXCEPTIONS,
  rules: readonly PolicyRule[] = RULES,
): PolicyResult {
  const compiled = exceptions.map((e) => new CompiledException(e));
  const index = indexExceptions(compiled);
  const findings: Finding[] = [];
  for (const o of objects) {
    if (!o.object || typeof o.object !== 'object') continue;
    let ref: string | undefined;
    for (const rule of rules) {
      const violations = rule.check(o.object);
      if (violations.length === 0) continue;
      const candidates = index.get(rule.id)?.(str(o.object.metadata?.name)) ?? [];
      for (const v of violations) {
        if (candidates.some((e) => e.waives(rule.id, o, v))) continue;
        ref ??= objectRef(o.object);
        findings.push({ check: 'policy', file: o.file, object: ref, path: v.path, message: v.message, rule: rule.id });
      }
    }
  }
  return { findings, unusedExceptions: compiled.filter((c) => c.used === 0).map((c) => c.exception) };
}

/**
 * Exceptions by rule, and by object name when they name one exactly: with one declared waiver per
 * syncer, each violation is tried against its own object's waivers, not against every cluster's.
 */
function indexExceptions(compiled: readonly CompiledException[]): Map<string, (name: string | undefined) => CompiledException[]> {
  const byRule = new Map<string, { exact: Map<string, CompiledException[]>; patterns: CompiledException[] }>();
  for (const c of compiled) {
    let entry = byRule.get(c.exception.rule);
    if (!entry) byRule.set(c.exception.rule, (entry = { exact: new Map(), patterns: [] }));
    const name = c.exactName;
    if (name === undefined) entry.patterns.push(c);
    else {
      const list = entry.exact.get(name);
      if (list) list.push(c);
      else entry.exact.set(name, [c]);
    }
  }
  return new Map(
    [...byRule].map(([rule, { exact, patterns }]) => [rule, (name: string | undefined) => [...(name === undefined ? [] : (exact.get(name) ?? [])), ...patterns]]),
  );
}

export function describeException(e: PolicyException): string {
  return new CompiledException(e).describe();
}
