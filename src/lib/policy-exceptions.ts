import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import type { RuleId, Violation } from '../validate/rules';

const DECLARED = 'pipeline-service:policy-exception';

/** A waiver a construct declares for one object it emits: the object itself is the match. */
export interface DeclaredPolicyException {
  readonly rule: RuleId;
  /** Why the rule cannot hold for this object; shown to reviewers and in the README. */
  readonly reason: string;
  /** Narrows the waiver to some violations; default: every violation of the rule on this object. */
  readonly covers?: (violation: Violation) => boolean;
}

/**
 * Declares, on the object that needs it, that `rule` is waived for that object only. Kept in the
 * construct tree (never in the output): synth and `npm run check` collect it with the environment,
 * target, component, kind, namespace and name of the object, so it follows the configuration.
 */
export function declarePolicyException(obj: ApiObject, exception: DeclaredPolicyException): void {
  if (!exception.reason.trim()) throw new Error(`policy exception for ${exception.rule} on ${obj.kind} ${obj.name} needs a reason`);
  obj.node.addMetadata(DECLARED, exception);
}

/** The exceptions declared on `scope` itself (not its children). */
export function policyExceptionsOf(scope: IConstruct): DeclaredPolicyException[] {
  return scope.node.metadata.filter((e) => e.type === DECLARED).map((e) => e.data as DeclaredPolicyException);
}
