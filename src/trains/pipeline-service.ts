import type { TrainDefaults } from './types';

/**
 * What Pipeline Service runs on every workload cluster, whatever the train (each train picks the
 * `enable-api-fields` its operator takes: v0.65.0/1 accept stable or alpha only).
 */
export function pipelineServiceDefaults(enableApiFields: string): Pick<TrainDefaults, 'pipeline' | 'params'> {
  return {
    pipeline: {
      // Created by the operator in every namespace, the kcp syncer's included (createRbacResource below).
      'default-service-account': 'pipeline',
      'enable-api-fields': enableApiFields,
      'enable-bundles-resolver': true,
      'enable-cluster-resolver': true,
      'enable-git-resolver': true,
      'enable-hub-resolver': true,
      'enable-tekton-oci-bundles': true,
    },
    // The operator creates the `pipeline` ServiceAccount (and its bindings) in every namespace: the
    // namespaces the kcp syncer creates have no other source of the account PipelineRuns run as.
    params: [{ name: 'createRbacResource', value: 'true' }],
  };
}
