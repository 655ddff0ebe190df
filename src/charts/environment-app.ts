import { App } from 'cdk8s';
import { EnvironmentConfig } from '../config';
import { KcpWorkspaces } from './kcp-workspaces';
import { ComponentChart } from './component-chart';
import type { Target } from './target';
import { WebhookProxyChart } from './webhook-proxy-chart';
import { WorkloadCluster } from './workload-cluster';

// Defined in ./target (kcp-workspaces.ts needs it too, and this file imports that one); exported here too.
export type { Target } from './target';

export interface EnvironmentAppOptions {
  /**
   * Build every workload cluster's charts in this app; false leaves them to `clusterBatch()`
   * (their targets are registered either way). @default true
   */
  readonly withClusters?: boolean;
}

/** All charts of one environment, and the targets they deploy to. Nothing is written here: see synth/. */
export class EnvironmentApp extends App {
  /** The workload clusters built in this app (none with `withClusters: false`). */
  public readonly clusters: WorkloadCluster[] = [];
  /** The kcp workspaces' charts; undefined without a kcp section. */
  public readonly kcp?: KcpWorkspaces;
  /** SprayProxy in front of every cluster's PaC; undefined without a webhookProxy section. */
  public readonly webhookProxy?: WebhookProxyChart;
  private readonly _targets = new Map<string, Target>();

  constructor(
    public readonly config: EnvironmentConfig,
    options: EnvironmentAppOptions = {},
  ) {
    super({ outdir: 'unused' });
    this.kcp = config.kcp ? new KcpWorkspaces(this, 'kcp', { app: this, kcp: config.kcp, clusters: config.clusters, pacGateway: config.pacGateway }) : undefined;
    config.clusters.forEach((cluster, index) => {
      this.addTarget({ name: cluster.name, kind: 'workload-cluster', destination: cluster.destination });
      if (options.withClusters ?? true) this.clusters.push(this.workloadCluster(this, index));
    });
    const proxy = config.webhookProxy;
    if (proxy) {
      // On a member cluster its target exists already; a host cluster is a target of its own.
      if (proxy.hostCluster) this.addTarget({ name: proxy.hostCluster.name, kind: 'host-cluster', destination: proxy.hostCluster.destination });
      // Built here, not per cluster: its backends come from every cluster, batched or not.
      this.webhookProxy = new WebhookProxyChart(this, 'webhook-proxy', { proxy, clusters: config.clusters });
    }
  }

  /**
   * The workload clusters at `indexes` of `config.clusters`, in an App of their own (same
   * construct paths as in this one), so that a thousand clusters can be synthesized in batches
   * that are dropped once written. Their charts may depend on this app's charts (kcp compute).
   */
  public clusterBatch(indexes: readonly number[]): App {
    const batch = new App({ outdir: 'unused' });
    for (const i of indexes) this.workloadCluster(batch, i);
    return batch;
  }

  private workloadCluster(scope: App, index: number): WorkloadCluster {
    const cluster = this.config.clusters[index];
    return new WorkloadCluster(scope, cluster.name, { environment: this.config, cluster, index, kcpCompute: this.kcp?.compute });
  }

  public get targets(): readonly Target[] {
    return [...this._targets.values()];
  }

  /** Registers a target; its name is a folder under dist/<env>/, so it must be unique. */
  public addTarget(target: Target): Target {
    if (this._targets.has(target.name)) throw new Error(`target "${target.name}" is defined twice in environment "${this.config.name}"`);
    this._targets.set(target.name, target);
    return target;
  }

  /** Every component chart, in construct order. */
  public get componentCharts(): ComponentChart[] {
    return this.node.findAll().filter(ComponentChart.isComponentChart);
  }
}
