/**
 * Argo CD health checks (Lua), as Argo CD runs them: Lua 5.1 (gopher-lua) with only the base,
 * package, table and a safe os library open, no `string` library and so no string methods
 * (argoproj/argo-cd@v2.9.0:util/lua/lua.go, runLua). The scripts therefore compare whole strings
 * with `==` and table look-ups, never substrings.
 */

/** A health check in the shape of the ArgoCD resource's `spec.resourceHealthChecks` items. */
export interface HealthCheck {
  readonly group: string;
  readonly kind: string;
  readonly check: string;
}

/**
 * TektonConfig's conditions, as tektoncd/operator sets them at the trains' versions
 * (v0.65.1 and v0.80.0: pkg/apis/operator/v1alpha1/tektonconfig_lifecycle.go, the reconciler
 * pkg/reconciler/shared/tektonconfig/tektonconfig.go and the platform extensions). Every Mark*
 * there uses reason "Error"; knative's MarkFalse on a dependent condition copies its message to
 * Ready. The messages below are the ones the operator writes while it is still working: it
 * requeues (REQUEUE_EVENT_AFTER) or waits for an upgrade, and will write another state itself.
 */
const REQUEUE = 'reconcile again and proceed'; // v1alpha1.RECONCILE_AGAIN_ERR (const.go, both tags)
const DEPENDENCY_UPGRADE = 'dependency upgrade pending'; // v1alpha1.DEPENDENCY_UPGRADE_PENDING_ERR
const UPGRADE_PENDING = 'upgrade pending'; // v1alpha1.UpgradePending

/**
 * Prefixes the reconciler puts before a component's error in MarkComponentNotReady
 * (`fmt.Sprintf("<prefix>%s", err.Error())`): v0.65.1 tektonconfig.go (TektonPipeline,
 * TektonTrigger, tekton-resource-pruner), openshift/tektonconfig/extension.go (TektonAddon,
 * OpenShiftPipelinesAsCode), kubernetes/tektonconfig/extension.go; v0.80.0 adds TektonChain,
 * TektonResult (with and without colon), TektonPruner (both), TektonMulticlusterProxyAAE,
 * SyncerService and scheduler/scheduler.go's "TektonScheduler : ".
 */
export const COMPONENT_PREFIXES = [
  'TektonPipeline: ',
  'TektonTrigger: ',
  'TektonAddon: ',
  'OpenShiftPipelinesAsCode: ',
  'TektonChain: ',
  'TektonResult: ',
  'TektonResult ',
  'TektonPruner: ',
  'TektonPruner ',
  'TektonMulticlusterProxyAAE: ',
  'SyncerService: ',
  'TektonScheduler : ',
  'tekton-resource-pruner: ',
] as const;

/** Condition messages of an operator that is still working (requeue or upgrade), exactly as written. */
export const TEKTON_CONFIG_WORKING_MESSAGES: readonly string[] = [
  // markUpgrade: a new operator version marks everything not ready, then reconciles again.
  'Ready: Upgrade Pending',
  'Components not in ready state: Upgrade Pending',
  `PreReconciliation failed with message: ${UPGRADE_PENDING}`,
  `PostReconciliation failed with message: ${UPGRADE_PENDING}`,
  // A component CR created or not ready yet, or still upgrading.
  ...COMPONENT_PREFIXES.flatMap((p) => [`Components not in ready state: ${p}${REQUEUE}`, `Components not in ready state: ${p}${DEPENDENCY_UPGRADE}`]),
];

/** v0.80.0 upgrade/upgrade.go: PreUpgrade / PostUpgrade False with these reasons while they run. */
export const TEKTON_CONFIG_WORKING_REASONS: readonly string[] = ['Performing PreUpgrade', 'Performing PostUpgrade'];

/** Dependent conditions in the order the reconciler reaches them (configCondSet, both tags). */
const DEPENDENTS = ['PreUpgrade', 'PreInstall', 'ComponentsReady', 'PostInstall', 'PostUpgrade'];

const luaString = (s: string) => JSON.stringify(s); // ASCII only: JSON escapes are Lua escapes
const luaSet = (values: readonly string[]) => `{\n${values.map((v) => `  [${luaString(v)}] = true,`).join('\n')}\n}`;

/**
 * TektonConfig has no built-in health check. Healthy when Ready=True; Progressing while it is
 * being deleted, has no Ready condition yet, Ready is Unknown (InitializeConditions), or every
 * False condition carries a message of an operator still working; Degraded for any other False
 * condition: an error the operator reports with its message (PreInstall: PreReconcile failed;
 * PostInstall: a post-install extension failed; ComponentsReady: a component error that is not a
 * requeue; Ready alone: e.g. a TektonConfig not named `config`). No check of observedGeneration:
 * neither v0.65.1 nor v0.80.0 sets it (their generated reconciler,
 * pkg/client/injection/reconciler/operator/v1alpha1/tektonconfig/reconciler.go, never calls
 * knative's PostProcessReconcile), so it stays 0.
 */
export const TEKTON_CONFIG_HEALTH_LUA = `local working = ${luaSet(TEKTON_CONFIG_WORKING_MESSAGES)}
local workingReasons = ${luaSet(TEKTON_CONFIG_WORKING_REASONS)}
local hs = { status = "Progressing", message = "waiting for the Tekton operator to reconcile" }
if obj.metadata ~= nil and obj.metadata.deletionTimestamp ~= nil then
  hs.message = "being deleted: the Tekton operator removes Tekton from the cluster"
  return hs
end
if obj.status == nil or obj.status.conditions == nil then return hs end
local byType = {}
for _, c in ipairs(obj.status.conditions) do
  if c.type ~= nil then byType[c.type] = c end
end
local ready = byType["Ready"]
if ready == nil then return hs end
if ready.status == "True" then
  hs.status = "Healthy"
  hs.message = "Tekton is ready"
  if obj.status.version ~= nil then hs.message = "Tekton " .. obj.status.version .. " is ready" end
  return hs
end
if ready.message ~= nil then hs.message = ready.message end
if ready.status ~= "False" then return hs end
local isWorking = function(c)
  return working[c.message] == true or workingReasons[c.reason] == true
end
local anyFalse = false
for _, t in ipairs({ ${DEPENDENTS.map(luaString).join(', ')} }) do
  local c = byType[t]
  if c ~= nil and c.status == "False" then
    anyFalse = true
    if not isWorking(c) then
      hs.status = "Degraded"
      hs.message = t .. ": " .. (c.message or c.reason or "False")
      return hs
    end
  end
end
if anyFalse or isWorking(ready) then return hs end
hs.status = "Degraded"
hs.message = ready.message or ready.reason or "not ready"
return hs
`;

/**
 * Argo CD 1.8 dropped the health of Application objects, so a sync wave of child apps would not
 * wait for the previous wave to be Healthy; this restores it (Argo CD's documented app-of-apps
 * check), except that an Application whose controller has not written `status.health.status`
 * yet is Progressing: returning no status would make it Unknown.
 */
export const APPLICATION_HEALTH_LUA = `local hs = { status = "Progressing", message = "" }
if obj.status ~= nil and obj.status.health ~= nil then
  if obj.status.health.status ~= nil and obj.status.health.status ~= "" then hs.status = obj.status.health.status end
  if obj.status.health.message ~= nil then hs.message = obj.status.health.message end
end
return hs
`;

/** Every health check this project ships, in a fixed order. */
export const HEALTH_CHECKS: readonly HealthCheck[] = [
  { group: 'argoproj.io', kind: 'Application', check: APPLICATION_HEALTH_LUA },
  { group: 'operator.tekton.dev', kind: 'TektonConfig', check: TEKTON_CONFIG_HEALTH_LUA },
];

/** `argocd-cm` key of a Lua health check for one kind (the key the argocd-operator writes too). */
export function healthKey(group: string, kind: string): string {
  return `resource.customizations.health.${group}_${kind}`;
}
