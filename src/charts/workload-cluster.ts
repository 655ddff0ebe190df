import { Construct } from 'constructs';
import { ClusterConfig, EnvironmentConfig, argocdIdentity, designWarnings, isInCluster, trainOf } from '../config';
import { addWarning } from '../lib/warnings';
import type { TektonConfigAccessProps } from '../constructs/tekton-config-access';
import { ComponentChart } from './component-chart';
import { KcpSyncerChart } from './kcp-syncer-chart';
import { OperatorChart } from './operator-chart';
import { TektonChainsChart } from './tekton-chains-chart';
import { TektonConfigChart } from './tekton-config-chart';
import { TektonResultsChart } from './tekton-results-chart';

export interface WorkloadClusterProps {
  readonly environment: EnvironmentConfig;
  readonly cluster: ClusterConfig;
  /** Position in `clusters`, for messages. @default 0 */
  readonly index?: number;
  /** The kcp compute workspace chart the syncer waits for. @default - no syncer (no kcp section) */
  readonly kcpCompute?: ComponentChart;
}

/** Everything one workload cluster runs, as one component chart per Argo CD application. */
export class WorkloadCluster extends Construct {
  public readonly operator: OperatorChart;
  public readonly tektonConfig: TektonConfigChart;
  public readonly tektonResults?: TektonResultsChart;
  public readonly tektonChains?: TektonChainsChart;
  public readonly kcpSyncer?: KcpSyncerChart;

  constructor(scope: Construct, id: string, props: WorkloadClusterProps) {
    super(scope, id);
    const { environment: env, cluster } = props;
    this.operator = new OperatorChart(this, OperatorChart.COMPONENT, {
      target: cluster.name,
      operator: env.operator,
      argocd: argocdAccess(cluster, env.argocd),
    });
    this.tektonConfig = new TektonConfigChart(this, TektonConfigChart.COMPONENT, { target: cluster.name, environment: env });
    // The TektonConfig CRD exists only once the operator runs.
    this.tektonConfig.addDependency(this.operator);
    // Once per environment (the first cluster is in exactly one batch).
    if ((props.index ?? 0) === 0) for (const w of designWarnings(env)) addWarning(this.tektonConfig, w);
    // Both watch Tekton runs, whose CRDs exist once TektonConfig is reconciled.
    const train = trainOf(env.train);
    // Where the train's operator manages Results, TektonConfig spec.result configures them instead.
    if (env.tektonResults && train.results.managedBy === 'manifests') {
      this.tektonResults = new TektonResultsChart(this, TektonResultsChart.COMPONENT, { target: cluster.name, results: env.tektonResults, train });
      this.tektonResults.addDependency(this.tektonConfig);
    }
    if (env.tektonChains) {
      this.tektonChains = new TektonChainsChart(this, TektonChainsChart.COMPONENT, { target: cluster.name, chains: env.tektonChains });
      this.tektonChains.addDependency(this.tektonConfig);
    }
    if (env.kcp && props.kcpCompute) {
      this.kcpSyncer = new KcpSyncerChart(this, KcpSyncerChart.COMPONENT, { kcp: env.kcp, cluster, index: props.index ?? 0 });
      // Its SyncTarget and identity (whose token the kubeconfig holds) live in the compute workspace.
      this.kcpSyncer.addDependency(props.kcpCompute);
    }
  }
}

/** TektonConfig access for the identity Argo CD uses on this cluster (its cluster Secret's ServiceAccount on a remote one). */
function argocdAccess(cluster: ClusterConfig, argocd: EnvironmentConfig['argocd']): TektonConfigAccessProps {
  const id = argocdIdentity(cluster, argocd);
  return {
    argocdNamespace: id.namespace,
    applicationControllerServiceAccount: id.name,
    createdBy: cluster.argocdServiceAccount
      ? `the Argo CD cluster Secret's ServiceAccount (clusters[].argocdServiceAccount), created when the cluster was registered`
      : isInCluster(cluster.destination)
        ? 'OpenShift GitOps creates its application controller ServiceAccount'
        : '`argocd cluster add` creates kube-system/argocd-manager on the cluster it registers; its token is in Argo CD\'s cluster Secret',
  };
}
