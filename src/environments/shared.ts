import { type EnvironmentInput, UNRESOLVED_DIGEST, UNRESOLVED_IDENTITY_HASH } from '../config';

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
 * Tekton Results v0.18.0 images as published on ghcr.io (the digests recorded for the tekton
 * operator v0.80.0 release's image table). Re-check with `skopeo inspect` when moving release.
 */
export const tektonResultsV0180: NonNullable<EnvironmentInput['tektonResults']> = {
  images: {
    api: 'ghcr.io/tektoncd/results/api-b1b7ffa9ba32f7c3020c3b68830b30a8:v0.18.0@sha256:72833d31749615fe45d4f7b7a3d4964e5da1cc2966e983fd31f67720d5c22720',
    watcher: 'ghcr.io/tektoncd/results/watcher-83f971ea227fb24157c0c699b824a628:v0.18.0@sha256:4b50291457cb63028e5f9e2acb921b852d9ad0f265562ea0fa83bafc8a58b367',
  },
  // Provided out of band (ExternalSecret or by hand): never in git.
  database: { secretName: 'tekton-results-database', sslMode: 'verify-full' },
  tlsSecretName: 'tekton-results-tls',
};

/**
 * The kcp v0.11.0 syncer release (real tag). Its digest could not be resolved offline: the
 * all-zero placeholder keeps every syncer at 0 replicas and makes synth warn until the real
 * digest (`skopeo inspect docker://ghcr.io/kcp-dev/kcp/syncer:v0.11.0 --format '{{.Digest}}'`) is set here.
 */
export const KCP_SYNCER_IMAGE = `ghcr.io/kcp-dev/kcp/syncer:v0.11.0@${UNRESOLVED_DIGEST}`;

/**
 * The kcp-glbc export the PaC gateway binds, and the claims it makes. OPERATOR MUST FILL IN:
 * - `exportPath` / `exportName`: where the kcp-glbc deployment of this kcp instance publishes
 *   its APIExport (the values here follow kcp-glbc's own deployment naming; confirm with
 *   `kubectl get apiexports` in that workspace);
 * - every `identityHash`: per kcp instance, `status.identityHash` of the `kubernetes` APIExport of
 *   our compute workspace (services, deployments, ingresses). Until then they are
 *   UNRESOLVED_IDENTITY_HASH: the APIBinding is left out and synth warns.
 */
export function glbcBinding(): NonNullable<EnvironmentInput['pacGateway']>['glbc'] {
  return {
    exportPath: 'root:kuadrant',
    exportName: 'glbc-root-kuadrant',
    permissionClaims: [
      { group: '', resource: 'secrets' },
      { group: '', resource: 'services', identityHash: UNRESOLVED_IDENTITY_HASH },
      { group: 'apps', resource: 'deployments', identityHash: UNRESOLVED_IDENTITY_HASH },
      { group: 'networking.k8s.io', resource: 'ingresses', identityHash: UNRESOLVED_IDENTITY_HASH },
    ],
  };
}
