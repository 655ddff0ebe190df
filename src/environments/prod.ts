import type { EnvironmentInput } from '../config';
import { KCP_SYNCER_IMAGE, REPO_URL, glbcBinding, pipelineServiceTektonConfig, tektonResultsPhase1 } from './shared';

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
    export: { name: 'pipeline-service' },
    consumers: [
      { name: 'appstudio', workspace: 'root:appstudio' },
      { name: 'hacbs', workspace: 'root:hacbs' },
    ],
  },
  // PaC webhooks reach the controller on prod-workload-1 through kcp (gateway workspace).
  pacGateway: { host: 'pac.pipeline-service.example.com', cluster: 'prod-workload-1', glbc: glbcBinding() },
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
