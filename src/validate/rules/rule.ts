import { KubeObject } from '../types';

/** One breach of a rule, at a field of the object. */
export interface Violation {
  /** Field path, `spec.template.spec.containers[0].image`. */
  readonly path: string;
  readonly message: string;
  /** The offending value (e.g. the RBAC rule), for exceptions that waive only some values. */
  readonly detail?: unknown;
}

/** A policy rule: an id users waive by, what it demands, why, and the check itself. */
export interface PolicyRule<Id extends string = string> {
  readonly id: Id;
  /** What the rule demands, one line. */
  readonly description: string;
  /** Why it exists, one line. */
  readonly why: string;
  check(obj: KubeObject): Violation[];
}
