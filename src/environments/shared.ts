import type { EnvironmentInput } from '../config';

/** What Pipeline Service ran on every workload cluster; environments override where they differ. */
export const pipelineServiceTektonConfig: NonNullable<EnvironmentInput['tektonConfig']> = {
  profile: 'all',
  targetNamespace: 'openshift-pipelines',
  pipeline: {
    'default-service-account': 'appstudio-pipeline',
    'enable-api-fields': 'beta',
    'enable-bundles-resolver': true,
    'enable-cluster-resolver': true,
    'enable-git-resolver': true,
    'enable-hub-resolver': true,
    'enable-tekton-oci-bundles': true,
  },
  pruner: { resources: ['taskrun'], keep: 10, schedule: '0 * * * *' },
  chain: {
    settings: {
      'artifacts.taskrun.format': 'in-toto',
      'artifacts.taskrun.storage': '',
      'artifacts.oci.storage': 'oci',
      'artifacts.pipelinerun.format': 'in-toto',
      'artifacts.pipelinerun.storage': 'oci',
      'transparency.enabled': 'false',
    },
  },
  pipelinesAsCode: { enable: true },
  // The operator's own RBAC for every namespace is not wanted: consumers get theirs through kcp.
  params: [{ name: 'createRbacResource', value: 'false' }],
};

export const REPO_URL = 'https://github.com/openshift-pipelines/pipeline-service-manifests.git';
