import { ApiObject } from 'cdk8s';

export const SYNC_WAVE = 'argocd.argoproj.io/sync-wave';
export const SYNC_OPTIONS = 'argocd.argoproj.io/sync-options';

/**
 * Order inside one Argo CD application: lower waves are applied (and healthy) first.
 * Named steps, so no construct picks a bare number.
 */
export const SyncWave = {
  /** Namespaces and catalog sources the rest lands in or installs from. */
  FOUNDATION: -2,
  /** RBAC and operator groups: needed before their users start. */
  ACCESS: -1,
  /** OLM subscriptions and plain workloads. */
  INSTALL: 0,
  /** Objects whose CRD an earlier wave installs (TektonConfig). */
  CONFIGURE: 1,
  /** Objects in namespaces the operator creates once TektonConfig is reconciled (PaC's Secret in the target namespace). */
  CONFIGURED: 2,
} as const;

export function setSyncWave(obj: ApiObject, wave: number): void {
  obj.metadata.addAnnotation(SYNC_WAVE, String(wave));
}

/** Argo CD reads one comma-separated list: options are merged, never overwritten. */
export function addSyncOptions(obj: ApiObject, ...options: string[]): void {
  const current: string | undefined = obj.metadata.toJson().annotations?.[SYNC_OPTIONS];
  const all = [...(current ? current.split(',') : []), ...options];
  obj.metadata.addAnnotation(SYNC_OPTIONS, [...new Set(all)].join(','));
}

export const HOOK = 'argocd.argoproj.io/hook';
export const HOOK_DELETE_POLICY = 'argocd.argoproj.io/hook-delete-policy';

/** Runs the object as an Argo CD hook of `phase` instead of tracking it as a resource. */
export function setHook(obj: ApiObject, phase: 'PreSync' | 'Sync' | 'PostSync' | 'SyncFail', deletePolicy: 'BeforeHookCreation' | 'HookSucceeded' | 'HookFailed'): void {
  obj.metadata.addAnnotation(HOOK, phase);
  obj.metadata.addAnnotation(HOOK_DELETE_POLICY, deletePolicy);
}
