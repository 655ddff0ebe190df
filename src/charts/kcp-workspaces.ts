import { Construct } from 'constructs';
import { ClusterConfig, KCP_COMPUTE_TARGET, KcpConfig, PacGatewayConfig, computeWorkspacePath, kcpConsumerTarget, kcpWorkspaceDestination, pacGatewayTarget, pacGatewayWorkspacePath } from '../config';
import type { Target } from './target';
import { KcpBindingChart } from './kcp-binding-chart';
import { KcpComputeChart } from './kcp-compute-chart';
import { PacGatewayChart } from './pac-gateway-chart';

export interface KcpWorkspacesProps {
  /** Where the workspace targets are registered. */
  readonly app: { addTarget(target: Target): Target };
  readonly kcp: KcpConfig;
  readonly clusters: readonly ClusterConfig[];
  /** The PaC gateway workspace (target `kcp-<workspace>`). @default - none */
  readonly pacGateway?: PacGatewayConfig;
}

/** The kcp side of an environment: the compute workspace (target `kcp-compute`) and one target per consumer workspace. */
export class KcpWorkspaces extends Construct {
  public readonly compute: KcpComputeChart;
  public readonly bindings: readonly KcpBindingChart[];
  /** Undefined unless pacGateway is enabled. */
  public readonly pacGateway?: PacGatewayChart;

  constructor(scope: Construct, id: string, props: KcpWorkspacesProps) {
    super(scope, id);
    const { kcp } = props;
    props.app.addTarget({ name: KCP_COMPUTE_TARGET, kind: 'kcp-workspace', destination: kcpWorkspaceDestination(kcp, computeWorkspacePath(kcp)) });
    const gateway = props.pacGateway?.enabled ? props.pacGateway : undefined;
    this.compute = new KcpComputeChart(this, KcpComputeChart.COMPONENT, { kcp, clusters: props.clusters, gatewayCluster: gateway?.cluster });
    this.bindings = kcp.consumers.map((consumer) => {
      props.app.addTarget({ name: kcpConsumerTarget(consumer.name), kind: 'kcp-workspace', destination: kcpWorkspaceDestination(kcp, consumer.workspace) });
      const chart = new KcpBindingChart(this, consumer.name, { kcp, consumer });
      // Binding needs the export (and its bind RBAC) to exist.
      chart.addDependency(this.compute);
      return chart;
    });
    if (gateway) {
      props.app.addTarget({ name: pacGatewayTarget(gateway.workspace), kind: 'kcp-workspace', destination: kcpWorkspaceDestination(kcp, pacGatewayWorkspacePath(kcp, gateway)) });
      this.pacGateway = new PacGatewayChart(this, 'pac-gateway', { gateway, kcp });
      // Its workloads run only once the carrying cluster's SyncTarget, label and Location exist.
      this.pacGateway.addDependency(this.compute);
    }
  }
}
