import { type EnvironmentInput, UNRESOLVED_DIGEST } from '../config';

/** What Pipeline Service ran on every workload cluster; environments override where they differ. */
export const pipelineServiceTektonConfig: NonNullable<EnvironmentInput['tektonConfig']> = {
  profile: 'all',
  targetNamespace: 'openshift-pipelines',
  pipeline: {
    // Created by the operator in every namespace, the kcp syncer's included (createRbacResource below).
    'default-service-account': 'pipeline',
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
  // The operator creates the `pipeline` ServiceAccount (and its bindings) in every namespace: the
  // namespaces the kcp syncer creates have no other source of the account PipelineRuns run as.
  params: [{ name: 'createRbacResource', value: 'true' }],
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
 * The kcp-glbc export the PaC gateway binds, and the claims it makes.
 * - `exportPath` / `exportName`: kcp-glbc's own defaults, checked against its sources: the controller
 *   reads its export from `GLBC_WORKSPACE` (default `root:kuadrant`) and `GLBC_EXPORT` (default
 *   `glbc-root-kuadrant`, a comma-separated list) in cmd/kcp-glbc/main.go; its e2e support pins the same
 *   pair, and its local-deployment docs list `glbc-root-kuadrant` among `root:kuadrant`'s APIExports.
 *   Its setup script names an export `glbc-<workspace path with ':' -> '-'>` after the workspace whose
 *   `kubernetes` binding it claims resources from.
 * - every `identityHash`: must equal the identity hash in that GLBC export's own claims, which is
 *   `status.identityHash` of the `kubernetes` export whose Services, Deployments and Ingresses GLBC is
 *   to see: for the gateway, our compute workspace's. The default `glbc-root-kuadrant` claims
 *   `root:kuadrant`'s; unless this kcp instance's GLBC was set up with an export for our compute
 *   workspace (then set `exportName` to it and list it in `GLBC_EXPORT`), it never sees the gateway.
 *   Until known they are UNRESOLVED_IDENTITY_HASH: the APIBinding is left out and synth warns.
 */
export function glbcBinding(computeExportIdentityHash: string): NonNullable<EnvironmentInput['pacGateway']>['glbc'] {
  return {
    exportPath: 'root:kuadrant',
    exportName: 'glbc-root-kuadrant',
    permissionClaims: [
      { group: '', resource: 'secrets' },
      { group: '', resource: 'services', identityHash: computeExportIdentityHash },
      { group: 'apps', resource: 'deployments', identityHash: computeExportIdentityHash },
      { group: 'networking.k8s.io', resource: 'ingresses', identityHash: computeExportIdentityHash },
    ],
  };
}
