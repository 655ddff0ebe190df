import type { EnvironmentInput } from '../config';
import { KCP_SYNCER_IMAGE, REPO_URL, glbcBinding, pipelineServiceTektonConfig, tektonResultsPhase1 } from './shared';

/** Development: one workload cluster on train phase-1 (kcp v0.11, OSP pipelines-1.10); alpha API fields. */
export const dev: EnvironmentInput = {
  name: 'dev',
  train: 'phase-1',
  git: { repoURL: REPO_URL, revision: 'refs/heads/main' },
  operator: { installPlanApproval: 'Automatic' },
  tektonConfig: {
    ...pipelineServiceTektonConfig,
    pipeline: { ...pipelineServiceTektonConfig.pipeline, 'enable-api-fields': 'alpha' },
  },
  tektonResults: tektonResultsPhase1,
  kcp: {
    serverURL: 'https://kcp.dev.pipeline-service.example.com',
    organization: 'root:pipeline-service',
    syncer: { image: KCP_SYNCER_IMAGE },
    consumers: [{ name: 'appstudio', workspace: 'root:appstudio-dev' }],
  },
  // PaC webhooks reach the controller on dev-workload-1 through kcp (gateway workspace).
  pacGateway: { host: 'pac.dev.pipeline-service.example.com', cluster: 'dev-workload-1', glbc: glbcBinding() },
  clusters: [
    {
      name: 'dev-workload-1',
      destination: { name: 'pipeline-service-dev-workload-1' },
      labels: { 'pipeline-service.openshift.io/region': 'us-east-1' },
    },
  ],
};
