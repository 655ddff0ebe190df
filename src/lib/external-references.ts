import { IConstruct } from 'constructs';

const EXTERNAL = 'pipeline-service:external-reference';

/** Kinds the cross-reference checks resolve; anything else is never looked up. */
export type ReferencedKind = 'ServiceAccount' | 'Role' | 'ClusterRole' | 'Service';

/**
 * An object that the output refers to but does not contain: it exists on the target
 * already (a built-in ClusterRole, Argo CD's ServiceAccount) or another tool creates it.
 */
export interface ExternalReference {
  readonly kind: ReferencedKind;
  /** Required for namespaced kinds (ServiceAccount, Role, Service). */
  readonly namespace?: string;
  readonly name: string;
  /** Why it exists without being in the output: shown to reviewers, kept in the metadata. */
  readonly reason: string;
}

/**
 * ClusterRoles every Kubernetes/OpenShift cluster has: the user-facing ones and the
 * `system:` ones the API server bootstraps. A binding to any of them needs no declaration.
 */
export const BUILT_IN_CLUSTER_ROLES: readonly string[] = ['cluster-admin', 'admin', 'edit', 'view'];
export const BUILT_IN_CLUSTER_ROLE_PREFIX = 'system:';

export function isBuiltInClusterRole(name: string): boolean {
  return BUILT_IN_CLUSTER_ROLES.includes(name) || name.startsWith(BUILT_IN_CLUSTER_ROLE_PREFIX);
}

/**
 * Declares, on the construct that makes the reference, that `ref` lives outside the
 * output of the target this construct belongs to. The cross-reference checks accept it.
 */
export function declareExternalReference(scope: IConstruct, ref: ExternalReference): void {
  if (ref.kind !== 'ClusterRole' && !ref.namespace) {
    throw new Error(`external ${ref.kind} "${ref.name}" needs a namespace: ${ref.kind} is namespaced`);
  }
  scope.node.addMetadata(EXTERNAL, ref);
}

/** The references declared on `scope` itself (not its children). */
export function externalReferencesOf(scope: IConstruct): ExternalReference[] {
  return scope.node.metadata.filter((e) => e.type === EXTERNAL).map((e) => e.data as ExternalReference);
}

/** Index key shared by the declarations and the synthesized objects: kind, namespace, name. */
export function objectKey(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}\u0000${namespace ?? ''}\u0000${name}`;
}
