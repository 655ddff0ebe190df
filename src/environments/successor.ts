import { type EnvironmentInput, UNRESOLVED_DIGEST } from '../config';
import { REPO_URL, pipelineServiceChainSettings, pipelineServiceTektonConfig } from './shared';

const CONSOLE = 'https://console.pipeline-service.example.com';

/**
 * The successor (ADR-0009) on train current (OSP pipelines-1.23): no kcp, three member clusters,
 * Chains and Results through TektonConfig, Triggers off (profile lite), the operator pruner off and
 * Results retention pruning, PaC linking to the console as the GitHub App, its Secret from the store.
 */
export const successor: EnvironmentInput = {
  name: 'successor',
  train: 'current',
  git: { repoURL: REPO_URL, revision: 'refs/heads/main' },
  operator: { installPlanApproval: 'Automatic' },
  tektonConfig: {
    // Triggers off (ADR-0009): profile all would wait for them forever (its OpenShift TektonAddon).
    profile: 'lite',
    trigger: { disabled: true },
    targetNamespace: 'openshift-pipelines',
    pipeline: { ...pipelineServiceTektonConfig.pipeline, 'enable-api-fields': 'beta' },
    chain: { settings: pipelineServiceChainSettings },
    pipelinesAsCode: {
      enable: true,
      // application-name: githubApp.name. Users follow links to the console, never to a cluster.
      settings: {
        'custom-console-name': 'Pipeline Service console',
        'custom-console-url': CONSOLE,
        'custom-console-url-pr-details': `${CONSOLE}/ns/{{ namespace }}/pipelinerun/{{ pr }}`,
        'custom-console-url-pr-tasklog': `${CONSOLE}/ns/{{ namespace }}/pipelinerun/{{ pr }}/logs/{{ task }}`,
        'custom-console-url-namespace': `${CONSOLE}/ns/{{ namespace }}/pipelineruns`,
      },
    },
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
  githubApp: {
    name: 'Pipeline Service',
    externalSecret: { storeRef: { name: 'pipeline-service-vault', kind: 'ClusterSecretStore' }, remoteKey: 'pipeline-service/successor/github-app' },
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
