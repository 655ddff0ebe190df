import { type EnvironmentInput, UNRESOLVED_DIGEST } from '../config';
import { REPO_URL, pipelineServiceChainSettings, pipelineServiceTektonConfig } from './shared';

/**
 * The successor (ADR-0009) on train current (OSP pipelines-1.23): no kcp, three member clusters,
 * Chains and Results through TektonConfig, the operator pruner off and Results retention pruning.
 */
export const successor: EnvironmentInput = {
  name: 'successor',
  train: 'current',
  git: { repoURL: REPO_URL, revision: 'refs/heads/main' },
  operator: { installPlanApproval: 'Automatic' },
  tektonConfig: {
    profile: 'all',
    targetNamespace: 'openshift-pipelines',
    pipeline: { ...pipelineServiceTektonConfig.pipeline, 'enable-api-fields': 'beta' },
    chain: { settings: pipelineServiceChainSettings },
    pipelinesAsCode: { enable: true },
    params: pipelineServiceTektonConfig.params,
  },
  tektonResults: {
    // Provided out of band (ExternalSecret or by hand): never in git.
    database: {
      host: 'tekton-results-db.pipeline-service.example.com',
      name: 'tekton_results',
      secretName: 'tekton-results-database',
      sslMode: 'verify-full',
      caSecret: { name: 'tekton-results-database-ca' },
    },
    retention: { days: 30 },
  },
  // ADR-0009's webhook fan-out: GitHub -> SprayProxy on the host cluster -> every member's PaC route.
  webhookProxy: {
    // The tag Konflux ran (infra-deployments components/sprayproxy); its digest could not be resolved
    // offline: the all-zero placeholder keeps the proxy at 0 replicas and makes synth warn until set.
    image: `quay.io/redhat-appstudio/sprayproxy:c6f8bf26007c140d51326760e16eb52ae5072e3b@${UNRESOLVED_DIGEST}`,
    hostCluster: { name: 'successor-host', destination: { name: 'pipeline-service-successor-host' } },
    host: 'webhooks.successor.pipeline-service.example.com',
  },
  clusters: [1, 2, 3].map((n) => ({
    name: `successor-member-${n}`,
    destination: { name: `pipeline-service-successor-member-${n}` },
    labels: { 'pipeline-service.openshift.io/region': ['us-east-1', 'us-east-2', 'eu-west-1'][n - 1] },
    // OpenShift Pipelines' PaC controller Route (<service>-<namespace>.apps.<cluster domain>).
    pacRoute: `https://pipelines-as-code-controller-openshift-pipelines.apps.successor-member-${n}.pipeline-service.example.com`,
  })),
};
