import { Construct } from 'constructs';
import { ClusterConfig, KcpConfig, computeWorkspacePath, isUnresolvedImage, kcpWorkspaceDestination } from '../config';
import { KcpDnsEgress } from '../constructs/kcp-dns-egress';
import { KcpSyncer } from '../constructs/kcp-syncer';
import { syncTargetNameFor } from '../lib/kcp-names';
import { ComponentChart } from './component-chart';

export interface KcpSyncerChartProps {
  readonly kcp: KcpConfig;
  readonly cluster: ClusterConfig;
  /** Index of the cluster in the config, for messages (`clusters[2].kcp.syncTargetUID`). */
  readonly index: number;
}

/** Component `kcp-syncer` of a workload cluster: its downstream syncer. Synced after the compute workspace. */
export class KcpSyncerChart extends ComponentChart {
  public static readonly COMPONENT = 'kcp-syncer';
  public readonly syncer: KcpSyncer;
  /** Undefined when clusters[].kcp.openshiftDns is false. */
  public readonly dnsEgress?: KcpDnsEgress;

  constructor(scope: Construct, id: string, props: KcpSyncerChartProps) {
    super(scope, id, { target: props.cluster.name, component: KcpSyncerChart.COMPONENT });
    const { kcp, cluster } = props;
    const s = kcp.syncer;
    const st = syncTargetNameFor(cluster.name);
    const workspacePath = computeWorkspacePath(kcp);
    const unresolved = isUnresolvedImage(s.image) || (s.dnsImage !== undefined && isUnresolvedImage(s.dnsImage));
    this.syncer = new KcpSyncer(this, 'Syncer', {
      syncTargetName: st,
      syncTargetUID: cluster.kcp?.syncTargetUID,
      workspacePath,
      image: s.image,
      dnsImage: s.dnsImage,
      resourcesToSync: s.resourcesToSync,
      qps: s.qps,
      burst: s.burst,
      apiImportPollInterval: s.apiImportPollInterval,
      downstreamNamespaceCleanDelay: s.downstreamNamespaceCleanDelay,
      kubeconfig: cluster.kcp?.kubeconfig,
      containerResources: s.containerResources,
      stopped: unresolved,
      uidConfigPath: `clusters[${props.index}].kcp.syncTargetUID`,
      uidCommand: `kubectl --server ${kcpWorkspaceDestination(kcp, workspacePath).server} get synctarget ${st} -o jsonpath='{.metadata.uid}'`,
    });
    // Absent kcp settings mean defaults: on.
    if (cluster.kcp?.openshiftDns ?? true) {
      this.dnsEgress = new KcpDnsEgress(this, 'DnsEgress', { namespace: this.syncer.namespace, syncerApp: this.syncer.id });
    }
  }
}
