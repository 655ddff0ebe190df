import { type EnvironmentInput, UNRESOLVED_DIGEST } from '../config';

/**
 * What Pipeline Service ran on every workload cluster, as operator v0.65 (train phase-1) accepts
 * it: `enable-api-fields` stable (v0.65.0/1 take stable or alpha only), no `chain` and no
 * `pruner.disabled` (both v0.67); the pruner needs its schedule (required up to v0.65).
 */
export const pipelineServiceTektonConfig: NonNullable<EnvironmentInput['tektonConfig']> = {
  profile: 'all',
  targetNamespace: 'openshift-pipelines',
  pipeline: {
    // Created by the operator in every namespace, the kcp syncer's included (createRbacResource below).
    'default-service-account': 'pipeline',
    'enable-api-fields': 'stable',
    'enable-bundles-resolver': true,
    'enable-cluster-resolver': true,
    'enable-git-resolver': true,
    'enable-hub-resolver': true,
    'enable-tekton-oci-bundles': true,
  },
  // ADR phase 1: TaskRuns only.
  pruner: { resources: ['taskrun'], keep: 10, schedule: '0 * * * *' },
  pipelinesAsCode: { enable: true },
  // The operator creates the `pipeline` ServiceAccount (and its bindings) in every namespace: the
  // namespaces the kcp syncer creates have no other source of the account PipelineRuns run as.
  params: [{ name: 'createRbacResource', value: 'true' }],
};

/** The Chains settings Pipeline Service used (train current configures them through TektonConfig). */
export const pipelineServiceChainSettings = {
  'artifacts.taskrun.format': 'in-toto',
  'artifacts.taskrun.storage': '',
  'artifacts.oci.storage': 'oci',
  'artifacts.pipelinerun.format': 'in-toto',
  'artifacts.pipelinerun.storage': 'oci',
  'transparency.enabled': 'false',
};

export const REPO_URL = 'https://github.com/openshift-pipelines/pipeline-service-manifests.git';

/**
 * Tekton Results for train phase-1: the train's release (v0.6.0, images from the train; their
 * digests are not known, so the pods stay at 0 replicas until tektonResults.images is set).
 * verify-full with the database CA from a Secret: v0.6 has no DB_SSLROOTCERT, so it reaches pgx as
 * PGSSLROOTCERT. Secrets are provided out of band (ExternalSecret or by hand): never in git.
 */
export const tektonResultsPhase1: NonNullable<EnvironmentInput['tektonResults']> = {
  database: { secretName: 'tekton-results-database', sslMode: 'verify-full', caSecret: { name: 'tekton-results-database-ca' } },
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
