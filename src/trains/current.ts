import { OPERATOR_V0_80 } from './operator-v0-80';
import { pipelineServiceDefaults } from './pipeline-service';
import type { PinnedImage, ReleaseTrain } from './types';

const CSV = 'openshift-pipelines/operator@release-v1.23.x:.konflux/olm-catalog/bundle/manifests/openshift-pipelines-operator-rh.clusterserviceversion.yaml';
const osp = (name: string, digest: `sha256:${string}`): PinnedImage => ({ image: `registry.redhat.io/openshift-pipelines/${name}`, digest, source: CSV });

/** Today's newest GA set: OSP pipelines-1.23 (operator v0.80), Results managed by the operator. */
export const CURRENT: ReleaseTrain = {
  name: 'current',
  description: 'OSP pipelines-1.23 (operator v0.80): Results and Chains through TektonConfig, no kcp',
  // Not `latest`: its head moves to the next channel without a change here.
  channels: ['pipelines-1.23'],
  operator: {
    version: 'v0.80.0',
    osp: '1.23',
    source: 'openshift-pipelines/operator@release-v1.23.x:head (tektoncd/operator release-v0.80.x)',
    bundle: {
      image: 'registry.redhat.io/openshift-pipelines/pipelines-operator-bundle:v1.23.1',
      digest: 'sha256:11efc0b0d7e877837d5f6f7f3f86c3f968f8bcb53c4b7a28d6f7421b67595387',
      source: 'openshift-pipelines/operator@release-v1.23.x:.konflux/olm-catalog/index/v4.22/catalog-template.json',
    },
  },
  pipelines: {
    version: 'v1.12.2',
    source: 'tektoncd/operator@release-v0.80.x:components.yaml',
    servedApis: ['tekton.dev/v1', 'tekton.dev/v1beta1', 'tekton.dev/v1beta1/customruns'],
    storageVersion: 'v1',
  },
  pipelinesAsCode: { version: 'v0.48.1', source: 'tektoncd/operator@release-v0.80.x:components.yaml' },
  chains: { version: 'v0.27.6', managedBy: 'operator-config', source: 'tektoncd/operator@release-v0.80.x:components.yaml' },
  results: { managedBy: 'operator', versions: ['v0.19.0'], source: 'tektoncd/operator@release-v0.80.x:components.yaml; spec.result since v0.75.0 (25e8238fc)' },
  kubernetes: {
    // OCP 4.14-4.22 (project.yaml versions.openshift.{min,latest}); 4.14 = Kubernetes 1.27, 4.22 = 1.35.
    min: 'v1.27.0',
    max: 'v1.35.99',
    openshift: '4.14-4.22',
    source: 'openshift-pipelines/operator@release-v1.23.x:project.yaml',
  },
  images: {
    operator: osp('pipelines-rhel9-operator', 'sha256:4107321a68b8bc7adc8f2cf142129dc9da5cd714339c55b608bd88bc0193d000'),
    'operator-webhook': osp('pipelines-operator-webhook-rhel9', 'sha256:0b241584d1c7a0a536ee138c8da177d8cf92527f4f71e81ba35364c2ddc20f6b'),
    'pipelines-controller': osp('pipelines-controller-rhel9', 'sha256:bcb8f2fa4d282b1afc2789365f590acab25a76cb401400c893fe787747bfda24'),
    'pipelines-webhook': osp('pipelines-webhook-rhel9', 'sha256:8ac325475394952e86666727b7a57ed609862afdb00d1bb36e60ba37bbc2fa71'),
    'triggers-controller': osp('pipelines-triggers-controller-rhel9', 'sha256:342d71663ad9ef87cc74780237be562a8da5b92930c1b04fc8236be32f4689fb'),
    'chains-controller': osp('pipelines-chains-controller-rhel9', 'sha256:6d0bab0df555586d8355cba548e5a88d8aeb34c10a638690d4d4b799835adfe1'),
    'pac-controller': osp('pipelines-pipelines-as-code-controller-rhel9', 'sha256:bbaf3031b546e84e1721a6e8ef0977857261ea986fe48d59b863036dbd070060'),
    'pac-webhook': osp('pipelines-pipelines-as-code-webhook-rhel9', 'sha256:161a5fd99c92f618d2db01e67d2de06bef6cec80efd317f1cdba627020364705'),
    'results-api': osp('pipelines-results-api-rhel9', 'sha256:012eb35e35584081395fd3962c128da78b92b413e461da9258b5d509e211f32d'),
    'results-watcher': osp('pipelines-results-watcher-rhel9', 'sha256:2e95cb5586bbde38b0c74d44a7457361c38b8f914727bf06b762ce08c61137ed'),
  },
  tektonConfig: OPERATOR_V0_80,
  defaults: {
    ...pipelineServiceDefaults('beta'),
    // The Chains settings Pipeline Service used, now through TektonConfig `spec.chain`.
    chainSettings: {
      'artifacts.taskrun.format': 'in-toto',
      'artifacts.taskrun.storage': '',
      'artifacts.oci.storage': 'oci',
      'artifacts.pipelinerun.format': 'in-toto',
      'artifacts.pipelinerun.storage': 'oci',
      'transparency.enabled': 'false',
    },
  },
  // ADR-0009: the operator's pruner is off; Results keeps the records and its retention policy prunes them.
  pruning: { operatorPruner: 'off', resultsRetention: true, source: 'ADR-0009 (successor of ../shared/seed/adr-pipeline-service-phase-1.txt)' },
  // ADR-0009 (konflux-ci/architecture ADR/0009-pipeline-service-via-operator.md): Triggers off (PaC is the event path);
  // PaC links to a console so users never need the cluster, and its application name is the GitHub App's.
  design: {
    record: 'ADR-0009 Pipeline Service via Operator (2023-09-29)',
    triggers: 'off',
    pacSettings: ['application-name', 'custom-console-name', 'custom-console-url', 'custom-console-url-pr-details', 'custom-console-url-pr-tasklog'],
    imageDigestMirrorSet: true,
  },
};
