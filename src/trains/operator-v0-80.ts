import crd from '../../imports/schemas/tekton-config-osp-1-23.json';
import { strictSchema } from '../validate/structural';
import { commonProblems, enumProblem, isObject, prunerProblems, schemaChecker } from './tekton-config-rules';
import type { SpecProblem, TektonConfigRules } from './types';

/**
 * TektonConfig as tektoncd/operator v0.80 (OSP pipelines-1.23) accepts it: the structural CRD the
 * OSP 1.23 bundle installs (imports/schemas/tekton-config-osp-1-23.json, closed where it lists
 * properties, as the API server prunes and the webhook's disallowUnknownFields rejects), plus the
 * webhook rules of tektoncd/operator@v0.80.0:pkg/apis/operator/v1alpha1/*_validation.go.
 */
const SRC = 'tektoncd/operator@v0.80.0:pkg/apis/operator/v1alpha1';

type Schema = { properties: Record<string, Schema & { properties: Record<string, unknown> }> };
const specSchema = (crd.versions.v1alpha1 as unknown as Schema).properties.spec;
/** The spec schema the webhook applies. A function: src/validate/schema imports the trains, so this module must not call into it while loading. */
export const specSchemaV0_80 = (): object => strictSchema(specSchema);
const checkSchema = schemaChecker('v0_80', specSchemaV0_80, 'v0.80 (pipelines-1.23)');

// tektonpipeline_validation.go sets (the "" member means unset).
const API_FIELDS = ['alpha', 'beta', 'stable'];

export const OPERATOR_V0_80: TektonConfigRules = {
  operator: 'v0.80.0',
  pipelineKeys: Object.keys(specSchema.properties.pipeline.properties),
  enableApiFields: API_FIELDS,
  prunerScheduleRequired: false,
  specKeys: Object.keys(specSchema.properties),
  prunerKeys: Object.keys(specSchema.properties.pruner.properties),
  problems(spec) {
    if (!isObject(spec)) return [{ path: [], message: 'must be an object' }];
    const out: SpecProblem[] = [...checkSchema(spec), ...commonProblems(spec, `${SRC}/common_validation.go`)];
    if (spec.targetNamespace === 'openshift-operators') {
      out.push({ path: ['targetNamespace'], message: `"openshift-operators" is not allowed on OpenShift (${SRC}/common_validation.go)` });
    }
    // tektonconfig_validation.go: one platform subtree per operator build; OSP runs PLATFORM=openshift.
    if (isObject(spec.platforms) && spec.platforms.kubernetes !== undefined) {
      out.push({ path: ['platforms', 'kubernetes'], message: `is rejected by the OpenShift build of the operator: use platforms.openshift (${SRC}/tektonconfig_validation.go)` });
    }
    // Prune.validate: disabled skips all; schedule optional (empty = no global cron job).
    out.push(...prunerProblems(spec.pruner, { scheduleRequired: false, hasDisabled: true, source: `${SRC}/tektonconfig_validation.go` }));
    const pv = `${SRC}/tektonpipeline_validation.go`;
    out.push(
      ...enumProblem(spec.pipeline, ['pipeline'], 'enable-api-fields', API_FIELDS, pv),
      ...enumProblem(spec.pipeline, ['pipeline'], 'trusted-resources-verification-no-match-policy', ['fail', 'warn', 'ignore'], pv),
      ...enumProblem(spec.pipeline, ['pipeline'], 'results-from', ['termination-message', 'sidecar-logs'], pv),
      ...enumProblem(spec.pipeline, ['pipeline'], 'enforce-nonfalsifiability', ['none', 'spire'], pv),
      ...enumProblem(spec.pipeline, ['pipeline'], 'coschedule', ['disabled', 'workspaces', 'pipelineruns', 'isolate-pipelinerun'], pv),
    );
    if (isObject(spec.pipeline)) {
      const p = spec.pipeline;
      if (p['default-timeout-minutes'] === 0) out.push({ path: ['pipeline', 'default-timeout-minutes'], message: `must not be 0 (${pv})` });
      if (typeof p['max-result-size'] === 'number' && p['max-result-size'] >= 1572864) {
        out.push({ path: ['pipeline', 'max-result-size'], message: `must be below 1572864 (${pv})` });
      }
      if (typeof p['disable-inline-spec'] === 'string' && p['disable-inline-spec'] !== '') {
        const bad = p['disable-inline-spec'].split(',').filter((v) => !['pipeline', 'pipelinerun', 'taskrun'].includes(v));
        if (bad.length > 0) out.push({ path: ['pipeline', 'disable-inline-spec'], message: `may list only pipeline, pipelinerun, taskrun (${pv})` });
      }
    }
    return out;
  },
};
