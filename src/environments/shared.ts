import { type EnvironmentInput, UNRESOLVED_DIGEST } from '../config';

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

/**
 * The kcp v0.11.0 syncer release (real tag). Its digest could not be resolved offline: the
 * all-zero placeholder keeps every syncer at 0 replicas and makes synth warn until the real
 * digest (`skopeo inspect docker://ghcr.io/kcp-dev/kcp/syncer:v0.11.0 --format '{{.Digest}}'`) is set here.
 */
export const KCP_SYNCER_IMAGE = `ghcr.io/kcp-dev/kcp/syncer:v0.11.0@${UNRESOLVED_DIGEST}`;
