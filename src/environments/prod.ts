import { type EnvironmentInput, UNRESOLVED_IDENTITY_HASH } from '../config';
import { KCP_SYNCER_IMAGE, REPO_URL, glbcBinding, pipelineServiceTektonConfig, tektonResultsPhase1 } from './shared';

/**
 * Input of THIS environment's kcp instance (differs per instance): `status.identityHash` of the compute
 * workspace's `kubernetes` export, which serves the gateway's Services, Deployments and Ingresses
 * (`kubectl --server <kcp.serverURL>/clusters/root:pipeline-service:compute get apiexport kubernetes -o jsonpath='{.status.identityHash}'`).
 * While UNRESOLVED_IDENTITY_HASH, synth leaves the GLBC APIBinding out and warns.
 */
const COMPUTE_EXPORT_IDENTITY_HASH = UNRESOLVED_IDENTITY_HASH;

/** Production: three workload clusters on train phase-1 (kcp v0.11, OSP pipelines-1.10), following the prod branch. */
export const prod: EnvironmentInput = {
  name: 'prod',
  train: 'phase-1',
  git: { repoURL: REPO_URL, revision: 'refs/heads/production' },
  operator: { installPlanApproval: 'Automatic' },
  tektonConfig: pipelineServiceTektonConfig,
  tektonResults: tektonResultsPhase1,
  kcp: {
    serverURL: 'https://kcp.pipeline-service.example.com',
    organization: 'root:pipeline-service',
    syncer: { image: KCP_SYNCER_IMAGE },
    // Consumers are placed on the Location of the cluster that receives PaC webhooks (the gateway
    // routes to one cluster: README "Pipelines-as-Code webhooks"); the other clusters' syncers run,
    // ready for a Location of their own once webhooks reach them.
    locations: [{ name: 'us-east-1', instanceSelector: { 'pipeline-service.openshift.io/region': 'us-east-1' } }],
    consumers: [
      { name: 'appstudio', workspace: 'root:appstudio', locationSelector: { 'pipeline-service.openshift.io/location': 'us-east-1' } },
      { name: 'hacbs', workspace: 'root:hacbs', locationSelector: { 'pipeline-service.openshift.io/location': 'us-east-1' } },
    ],
  },
  // PaC webhooks reach the controller on prod-workload-1 through kcp (gateway workspace).
  pacGateway: { host: 'pac.pipeline-service.example.com', cluster: 'prod-workload-1', glbc: glbcBinding(COMPUTE_EXPORT_IDENTITY_HASH) },
  clusters: [
    {
      name: 'prod-workload-1',
      destination: { name: 'pipeline-service-prod-workload-1' },
      kcp: { kubeconfig: { externalSecret: { storeRef: { name: 'pipeline-service-vault', kind: 'ClusterSecretStore' }, remoteKey: 'pipeline-service/prod/kcp-syncer-prod-workload-1' } } },
      labels: { 'pipeline-service.openshift.io/region': 'us-east-1' },
    },
    {
      name: 'prod-workload-2',
      destination: { name: 'pipeline-service-prod-workload-2' },
      kcp: { kubeconfig: { externalSecret: { storeRef: { name: 'pipeline-service-vault', kind: 'ClusterSecretStore' }, remoteKey: 'pipeline-service/prod/kcp-syncer-prod-workload-2' } } },
      labels: { 'pipeline-service.openshift.io/region': 'us-east-2' },
    },
    {
      name: 'prod-workload-3',
      destination: { name: 'pipeline-service-prod-workload-3' },
      kcp: { kubeconfig: { externalSecret: { storeRef: { name: 'pipeline-service-vault', kind: 'ClusterSecretStore' }, remoteKey: 'pipeline-service/prod/kcp-syncer-prod-workload-3' } } },
      labels: { 'pipeline-service.openshift.io/region': 'eu-west-1' },
    },
  ],
};
