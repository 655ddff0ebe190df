import { CompiledException, POLICY_EXCEPTIONS, PolicyException } from './exceptions';
import { PolicyRule, RULES } from './rules';
import { CheckedObject, Finding, objectRef } from './types';

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
  const findings: Finding[] = [];
  for (const o of objects) {
    if (!o.object || typeof o.object !== 'object') continue;
    let ref: string | undefined;
    for (const rule of rules) {
      for (const v of rule.check(o.object)) {
        if (compiled.some((e) => e.waives(rule.id, o, v))) continue;
        ref ??= objectRef(o.object);
        findings.push({ check: 'policy', file: o.file, object: ref, path: v.path, message: v.message, rule: rule.id });
      }
    }
  }
  return { findings, unusedExceptions: compiled.filter((c) => c.used === 0).map((c) => c.exception) };
}

export function describeException(e: PolicyException): string {
  return new CompiledException(e).describe();
}
