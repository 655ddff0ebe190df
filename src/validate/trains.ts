import { TRAINS, TRAIN_LABEL, TRAIN_NAMES } from '../trains';
import { KubeObject, formatPath } from './types';

/** Kinds whose rules depend on the release train (the operator version that reads them). */
export function isTrainBound(apiVersion: string, kind: string): boolean {
  return apiVersion === 'operator.tekton.dev/v1alpha1' && kind === 'TektonConfig';
}

/**
 * A TektonConfig against the rules of the operator its train installs: the label names the
 * train, since the same kind means different fields on operator v0.65 and v0.80.
 */
export function trainProblems(object: KubeObject): { path: string; message: string }[] {
  const labels = (object.metadata?.labels ?? {}) as Record<string, unknown>;
  const name = labels[TRAIN_LABEL];
  const train = typeof name === 'string' ? TRAINS[name] : undefined;
  if (!train) {
    return [
      {
        path: formatPath(['metadata', 'labels', TRAIN_LABEL]),
        message: `must name a release train (${TRAIN_NAMES.join(', ')}), got ${JSON.stringify(name ?? null)}: which fields a TektonConfig may have depends on the operator the train installs`,
      },
    ];
  }
  const out = train.tektonConfig.problems(object.spec ?? {}).map((p) => ({ path: formatPath(['spec', ...p.path]), message: `train ${train.name}: ${p.message}` }));
  // Every release: "Only one instance of TektonConfig is allowed by name, config" (tektonconfig_validation.go).
  if (object.metadata?.name !== 'config') out.push({ path: 'metadata.name', message: `train ${train.name}: must be "config": the operator reconciles only that TektonConfig` });
  return out;
}
