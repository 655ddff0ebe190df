import { BETA_API_FIELDS_ORIGIN } from './field-origins';
import { commonProblems, enumProblem, isObject, prunerProblems, schemaChecker } from './tekton-config-rules';
import type { SpecProblem, TektonConfigRules } from './types';

/**
 * TektonConfig as tektoncd/operator v0.65.1 (OSP pipelines-1.10) accepts it. Its CRD has no
 * schema (x-kubernetes-preserve-unknown-fields), so this is written from the Go types at the tag:
 * every key is a `json:` tag of pkg/apis/operator/v1alpha1/{tektonconfig_types.go,
 * tektonpipeline_types.go, tektontrigger_types.go, tektondashboard_types.go, tektonaddon_types.go,
 * tektonhub_types.go, openshift_platform.go, openshiftpipelinesascode_types.go, common.go}
 * (v0.65.0 and v0.65.1 are identical there). Unknown keys fail: pkg/webhook/webhook.go passes
 * disallowUnknownFields = true.
 */
const TAG = 'tektoncd/operator@v0.65.1';
const SRC = `${TAG}:pkg/apis/operator/v1alpha1`;

const str = { type: 'string' };
const bool = { type: 'boolean' };
// *uint: a negative number does not decode.
const uint = { type: 'integer', minimum: 0 };
const stringMap = { type: 'object', additionalProperties: str };
const closed = (properties: Record<string, object>, extra: object = {}) => ({ type: 'object', properties, additionalProperties: false, ...extra });
// common.go Param
const params = { type: 'array', items: closed({ name: str, value: str }) };

const PIPELINE_BOOLS = [
  'disable-affinity-assistant',
  'disable-creds-init',
  'await-sidecar-readiness',
  'running-in-environment-with-injected-sidecars',
  'require-git-ssh-secret-known-hosts',
  'enable-tekton-oci-bundles',
  'enable-custom-tasks',
  'send-cloudevents-for-runs',
  'enable-provenance-in-status',
  'scope-when-expressions-to-task',
  // Resolvers
  'enable-bundles-resolver',
  'enable-hub-resolver',
  'enable-git-resolver',
  'enable-cluster-resolver',
];
const PIPELINE_STRINGS = [
  'enable-api-fields',
  'embedded-status',
  'verification-mode',
  // PipelineMetricsProperties
  'metrics.taskrun.level',
  'metrics.taskrun.duration-type',
  'metrics.pipelinerun.level',
  'metrics.pipelinerun.duration-type',
  // OptionalPipelineProperties
  'default-service-account',
  'default-managed-by-label-value',
  'default-pod-template',
  'default-cloud-events-sink',
  'default-affinity-assistant-pod-template',
  'default-task-run-workspace-binding',
  'default-max-matrix-combinations-count',
];
const PIPELINE_MAPS = ['bundles-resolver-config', 'hub-resolver-config', 'git-resolver-config', 'cluster-resolver-config'];

const pipelineProperties: Record<string, object> = {
  ...Object.fromEntries(PIPELINE_BOOLS.map((k) => [k, bool])),
  ...Object.fromEntries(PIPELINE_STRINGS.map((k) => [k, str])),
  ...Object.fromEntries(PIPELINE_MAPS.map((k) => [k, stringMap])),
  'default-timeout-minutes': uint,
  params,
};

const toleration = closed({ key: str, operator: str, value: str, effect: str, tolerationSeconds: { type: 'integer' } });

/** JSON schema of `spec` at v0.65.1. */
export const SPEC_SCHEMA_V0_65 = closed({
  profile: str,
  targetNamespace: str,
  config: closed({ nodeSelector: stringMap, tolerations: { type: 'array', items: toleration }, priorityClassName: str }),
  // tektonconfig_types.go Prune: no `disabled`, no `prune-per-resource` (both v0.67)
  pruner: closed({ resources: { type: 'array', items: str }, keep: uint, 'keep-since': uint, schedule: str }),
  addon: closed({ params, enablePipelinesAsCode: bool }),
  hub: closed({ params }),
  pipeline: closed(pipelineProperties),
  trigger: closed({ 'enable-api-fields': str, 'default-service-account': str }),
  dashboard: closed({ readonly: bool, 'external-logs': str }),
  params,
  platforms: closed({ openshift: closed({ pipelinesAsCode: closed({ enable: bool, settings: stringMap }) }) }),
});

const ADDON_PARAMS = ['clusterTasks', 'pipelineTemplates', 'communityClusterTasks'];
const HUB_PARAMS = ['enable-devconsole-integration'];

function paramProblems(list: unknown, path: (string | number)[], known: readonly string[]): SpecProblem[] {
  if (!Array.isArray(list)) return [];
  const out: SpecProblem[] = [];
  list.forEach((p, i) => {
    if (!isObject(p)) return;
    if (!known.includes(p.name as string)) out.push({ path: [...path, i, 'name'], message: `must be one of ${known.join(', ')} (${SRC}/const.go)` });
    else if (p.value !== 'true' && p.value !== 'false') out.push({ path: [...path, i, 'value'], message: `must be "true" or "false" (${SRC}/const.go)` });
  });
  return out;
}

const checkSchema = schemaChecker('v0_65', () => SPEC_SCHEMA_V0_65, 'v0.65.1 (pipelines-1.10)');

export const OPERATOR_V0_65: TektonConfigRules = {
  operator: 'v0.65.1',
  pipelineKeys: Object.keys(pipelineProperties),
  // tektonpipeline_validation.go at v0.65.0/v0.65.1: StableAPIFields or AlphaAPIFields only
  // (beta reached release-v0.65.x by backport c91b2e754 after the last tag: not in any build we can name).
  enableApiFields: ['stable', 'alpha'],
  prunerScheduleRequired: true,
  specKeys: Object.keys(SPEC_SCHEMA_V0_65.properties),
  prunerKeys: ['resources', 'keep', 'keep-since', 'schedule'],
  problems(spec) {
    if (!isObject(spec)) return [{ path: [], message: 'must be an object' }];
    const out = [...checkSchema(spec), ...commonProblems(spec, `${SRC}/tektonconfig_validation.go`)];
    // tektonconfig_validation.go Prune.validate: resources, one of keep/keep-since, != 0, schedule required
    out.push(...prunerProblems(spec.pruner, { scheduleRequired: true, hasDisabled: false, source: `${SRC}/tektonconfig_validation.go` }));
    const beta = BETA_API_FIELDS_ORIGIN;
    // tektonpipeline_validation.go PipelineProperties.validate
    out.push(
      ...enumProblem(spec.pipeline, ['pipeline'], 'enable-api-fields', ['stable', 'alpha'], `operator v0.65.1; "beta" first in operator ${beta.operator} (${beta.channel})`),
      ...enumProblem(spec.pipeline, ['pipeline'], 'embedded-status', ['full', 'both', 'minimal'], `${SRC}/tektonpipeline_validation.go`),
      ...enumProblem(spec.pipeline, ['pipeline'], 'verification-mode', ['skip', 'warn', 'enforce'], `${SRC}/tektonpipeline_validation.go`),
      // tektontrigger_validation.go TriggersProperties.validate
      ...enumProblem(spec.trigger, ['trigger'], 'enable-api-fields', ['stable', 'alpha'], `${SRC}/tektontrigger_validation.go`),
    );
    if (isObject(spec.pipeline) && spec.pipeline['default-timeout-minutes'] === 0) {
      out.push({ path: ['pipeline', 'default-timeout-minutes'], message: `must not be 0 (${SRC}/tektonpipeline_validation.go)` });
    }
    // tektonaddon_validation.go validateAddonParams, tektonhub_validation.go validateHubParams
    if (isObject(spec.addon)) out.push(...paramProblems(spec.addon.params, ['addon', 'params'], ADDON_PARAMS));
    if (isObject(spec.hub)) out.push(...paramProblems(spec.hub.params, ['hub', 'params'], HUB_PARAMS));
    return out;
  },
};
