import { OPERATOR_V0_65 } from './operator-v0-65';
import { pipelineServiceDefaults } from './pipeline-service';
import type { ReleaseTrain } from './types';

/**
 * The decision record's kcp era (Feb-Jun 2023): kcp v0.11.0, the last release with TMC (syncer,
 * SyncTarget), and OSP pipelines-1.10, the only channel of that time shipping PaC v0.17.7.
 * Why 1.10 and not 1.11: README "Release trains".
 */
export const PHASE_1: ReleaseTrain = {
  name: 'phase-1',
  description: 'kcp v0.11 era: OSP pipelines-1.10 (operator v0.65), Results v0.6 as direct manifests',
  channels: ['pipelines-1.10'],
  operator: {
    version: 'v0.65.1',
    osp: '1.10',
    source: 'tektoncd/operator@release-v0.65.x (OSP 1.10 build branch; openshift-docs op-release-notes matrix)',
    // pipelines-1.10 is in no current redhat-operators catalog: no source shows its bundle digest.
    bundle: { image: 'registry.redhat.io/openshift-pipelines/pipelines-operator-bundle:v1.10', digest: 'unknown', source: 'openshift-pipelines/operator@release-v1.23.x:.konflux/olm-catalog/index/*/catalog-template.json (1.10 absent)' },
  },
  pipelines: {
    version: 'v0.44.5',
    source: 'tektoncd/operator@release-v0.65.x:components.yaml',
    // tektoncd/pipeline@v0.44.5:config/300-{pipelinerun,taskrun}.yaml: v1beta1 (storage) + v1 served; 300-customrun.yaml v1beta1
    servedApis: ['tekton.dev/v1beta1', 'tekton.dev/v1', 'tekton.dev/v1beta1/customruns'],
    storageVersion: 'v1beta1',
  },
  pipelinesAsCode: { version: 'v0.17.7', source: 'tektoncd/operator@release-v0.65.x:components.yaml' },
  // Operator v0.65 has a TektonChain CR but no TektonConfig `chain` (added in v0.67).
  chains: { version: 'v0.15.0', managedBy: 'operator-cr', source: 'tektoncd/operator@release-v0.65.x:components.yaml' },
  results: {
    managedBy: 'manifests',
    // The operator of pipelines-1.10 has no Results controller on OpenShift (openshiftplatform/config.go).
    versions: ['v0.6.0', 'v0.5.0'],
    source: 'tektoncd/results@v0.6.0 (2023-05-07), @v0.5.0 (2023-03-02)',
  },
  kubernetes: {
    // OCP 4.11-4.13 (OSP 1.10 matrix, openshift-docs op-tkn-pipelines-compatibility-support-matrix.adoc);
    // kcp v0.11 serves Kubernetes 1.24.3 (kcp-dev/kcp@v0.11.0:go.mod).
    min: 'v1.24.0',
    max: 'v1.26.99',
    openshift: '4.11-4.13',
    source: 'openshift/openshift-docs@0157c3cd9d:modules/op-tkn-pipelines-compatibility-support-matrix.adoc',
  },
  kcp: { version: 'v0.11.0', source: 'kcp-dev/kcp@v0.11.0 (last release with TMC: config/crds/workload.kcp.io_synctargets.yaml)' },
  images: {
    'kcp-syncer': { image: 'ghcr.io/kcp-dev/kcp/syncer:v0.11.0', digest: 'unknown', source: 'kcp-dev/kcp@v0.11.0:docs/content/en/concepts/syncer.md' },
  },
  tektonConfig: OPERATOR_V0_65,
  // `stable`: v0.65.0/1 take stable or alpha only. No chain settings: operator v0.65 has no TektonConfig `chain` (v0.67).
  defaults: pipelineServiceDefaults('stable'),
  // ADR phase 1: TaskRuns only (a PipelineRun deleted on the workload cluster comes back through the syncer).
  pruning: { operatorPruner: 'taskruns-only', resultsRetention: false, source: '../shared/seed/adr-pipeline-service-phase-1.txt' },
  // Operator v0.65 has no trigger.disabled (tektontrigger_types.go); PaC settings are the user's; OCP 4.11/4.12 lack ImageDigestMirrorSet.
  design: { record: 'Pipeline Service Phase 1 (../shared/seed/adr-pipeline-service-phase-1.txt)', triggers: 'on', pacSettings: [], imageDigestMirrorSet: false },
};
