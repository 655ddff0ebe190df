import type { EnvironmentInput } from '../config';
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
  clusters: [1, 2, 3].map((n) => ({
    name: `successor-member-${n}`,
    destination: { name: `pipeline-service-successor-member-${n}` },
    labels: { 'pipeline-service.openshift.io/region': ['us-east-1', 'us-east-2', 'eu-west-1'][n - 1] },
  })),
};
