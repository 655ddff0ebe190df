import type { FieldOrigin } from './types';

const op = (operator: string, channel: string, source: string): FieldOrigin => ({ operator, channel, source });

/**
 * The first operator release (and OSP channel) whose TektonConfig has a field, by path below
 * `spec`: what an "unknown field" message on an older train names. Checked against
 * tektoncd/operator@<tag>:pkg/apis/operator/v1alpha1/tektonconfig_types.go (and the commits named).
 */
export const FIELD_ORIGINS: Readonly<Record<string, FieldOrigin>> = {
  // f798ef817 "TektonChain through TektonConfig", first tag tekton-operator-0.67.0
  chain: op('v0.67.0', 'pipelines-1.11', 'tektoncd/operator@v0.67.0:pkg/apis/operator/v1alpha1/tektonconfig_types.go'),
  // ce7c123a7, first tag tekton-operator-0.67.0
  'pruner.disabled': op('v0.67.0', 'pipelines-1.11', 'tektoncd/operator@v0.67.0:pkg/apis/operator/v1alpha1/tektonconfig_types.go'),
  'pruner.prune-per-resource': op('v0.67.0', 'pipelines-1.11', 'tektoncd/operator@v0.67.0:pkg/apis/operator/v1alpha1/tektonconfig_types.go'),
  'pruner.startingDeadlineSeconds': op('v0.71.0', 'pipelines-1.15', 'tektoncd/operator@v0.74.0:pkg/apis/operator/v1alpha1/tektonconfig_types.go'),
  targetNamespaceMetadata: op('v0.71.0', 'pipelines-1.15', 'tektoncd/operator@v0.74.0:pkg/apis/operator/v1alpha1/tektonconfig_types.go'),
  // 25e8238fc "Add Results configuration in tekton config", first tag tekton-operator-0.75.0
  result: op('v0.75.0', 'pipelines-1.18', 'tektoncd/operator@v0.75.0:pkg/apis/operator/v1alpha1/tektonconfig_types.go'),
  'platforms.openshift.scc': op('v0.68.0', 'pipelines-1.12', 'tektoncd/operator@release-v0.68.x:pkg/apis/operator/v1alpha1/openshift_platform.go'),
  'pipeline.options': op('v0.68.0', 'pipelines-1.12', 'tektoncd/operator@release-v0.68.x:pkg/apis/operator/v1alpha1/tektonpipeline_types.go'),
  'pipeline.trusted-resources-verification-no-match-policy': op('v0.67.0', 'pipelines-1.11', 'tektoncd/operator@release-v0.67.x:pkg/apis/operator/v1alpha1/tektonpipeline_types.go'),
  'pipeline.performance': op('v0.67.0', 'pipelines-1.11', 'tektoncd/operator@release-v0.67.x:pkg/apis/operator/v1alpha1/tektonpipeline_types.go'),
  'pipeline.results-from': op('v0.70.0', 'pipelines-1.14', 'tektoncd/operator@release-v0.70.x:pkg/apis/operator/v1alpha1/tektonpipeline_types.go'),
  'pipeline.enforce-nonfalsifiability': op('v0.70.0', 'pipelines-1.14', 'tektoncd/operator@release-v0.70.x:pkg/apis/operator/v1alpha1/tektonpipeline_types.go'),
  'pipeline.keep-pod-on-cancel': op('v0.70.0', 'pipelines-1.14', 'tektoncd/operator@release-v0.70.x:pkg/apis/operator/v1alpha1/tektonpipeline_types.go'),
  'pipeline.max-result-size': op('v0.70.0', 'pipelines-1.14', 'tektoncd/operator@release-v0.70.x:pkg/apis/operator/v1alpha1/tektonpipeline_types.go'),
  'pipeline.set-security-context': op('v0.70.0', 'pipelines-1.14', 'tektoncd/operator@release-v0.70.x:pkg/apis/operator/v1alpha1/tektonpipeline_types.go'),
  'pipeline.coschedule': op('v0.70.0', 'pipelines-1.14', 'tektoncd/operator@release-v0.70.x:pkg/apis/operator/v1alpha1/tektonpipeline_types.go'),
  'pipeline.enable-cel-in-whenexpression': op('v0.70.0', 'pipelines-1.14', 'tektoncd/operator@release-v0.70.x:pkg/apis/operator/v1alpha1/tektonpipeline_types.go'),
  'pipeline.enable-step-actions': op('v0.70.0', 'pipelines-1.14', 'tektoncd/operator@release-v0.70.x:pkg/apis/operator/v1alpha1/tektonpipeline_types.go'),
  'pipeline.enable-param-enum': op('v0.70.0', 'pipelines-1.14', 'tektoncd/operator@release-v0.70.x:pkg/apis/operator/v1alpha1/tektonpipeline_types.go'),
  'pipeline.disable-inline-spec': op('v0.71.0', 'pipelines-1.15', 'tektoncd/operator@release-v0.71.x:pkg/apis/operator/v1alpha1/tektonpipeline_types.go'),
  tektonpruner: op('v0.76.0', 'pipelines-1.19', 'tektoncd/operator@release-v0.76.x:pkg/apis/operator/v1alpha1/tektonconfig_types.go'),
  scheduler: op('v0.79.0', 'pipelines-1.22', 'tektoncd/operator@release-v0.79.x:pkg/apis/operator/v1alpha1/tektonconfig_types.go'),
  multiclusterProxyAAE: op('v0.79.0', 'pipelines-1.22', 'tektoncd/operator@release-v0.79.x:pkg/apis/operator/v1alpha1/tektonconfig_types.go'),
  'platforms.kubernetes': op('v0.80.0', 'pipelines-1.23', 'tektoncd/operator@v0.80.0:pkg/apis/operator/v1alpha1/tektonconfig_types.go'),
  'platforms.openshift.enableCentralTLSConfig': op('v0.80.0', 'pipelines-1.23', 'tektoncd/operator@v0.80.0:pkg/apis/operator/v1alpha1/openshift_platform.go'),
};

/** `enable-api-fields: beta`: tektoncd/operator ad818edc5, first tag 0.67.0 (v0.65.0/v0.65.1 accept stable/alpha only). */
export const BETA_API_FIELDS_ORIGIN = op('v0.67.0', 'pipelines-1.11', 'tektoncd/operator@v0.67.0:pkg/apis/operator/v1alpha1/tektonpipeline_validation.go');

/** The origin of `path` (below spec) or of its nearest listed parent. */
export function fieldOrigin(path: readonly (string | number)[]): FieldOrigin | undefined {
  for (let n = path.length; n > 0; n--) {
    const hit = FIELD_ORIGINS[path.slice(0, n).join('.')];
    if (hit) return hit;
  }
  return undefined;
}
