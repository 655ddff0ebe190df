import { type EnvironmentInput, UNRESOLVED_IDENTITY_HASH } from '../config';
import { KCP_SYNCER_IMAGE, REPO_URL, glbcBinding, pipelineServiceTektonConfig, tektonResultsPhase1 } from './shared';

/**
 * Input of THIS environment's kcp instance (differs per instance): `status.identityHash` of the compute
 * workspace's `kubernetes` export, which serves the gateway's Services, Deployments and Ingresses
 * (`kubectl --server <kcp.serverURL>/clusters/root:pipeline-service:compute get apiexport kubernetes -o jsonpath='{.status.identityHash}'`).
 * While UNRESOLVED_IDENTITY_HASH, synth leaves the GLBC APIBinding out and warns.
 */
const COMPUTE_EXPORT_IDENTITY_HASH = UNRESOLVED_IDENTITY_HASH;

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
    locations: [{ name: 'us-east-1', instanceSelector: { 'pipeline-service.openshift.io/region': 'us-east-1' } }],
    consumers: [{ name: 'appstudio', workspace: 'root:appstudio-dev', locationSelector: { 'pipeline-service.openshift.io/location': 'us-east-1' } }],
  },
  // PaC webhooks reach the controller on dev-workload-1 through kcp (gateway workspace).
  pacGateway: { host: 'pac.dev.pipeline-service.example.com', cluster: 'dev-workload-1', glbc: glbcBinding(COMPUTE_EXPORT_IDENTITY_HASH) },
  clusters: [
    {
      name: 'dev-workload-1',
      destination: { name: 'pipeline-service-dev-workload-1' },
      labels: { 'pipeline-service.openshift.io/region': 'us-east-1' },
    },
  ],
};
