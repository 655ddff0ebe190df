import { App } from 'cdk8s';
import { Destination, EnvironmentConfig } from '../config';
import { KcpWorkspaces } from './kcp-workspaces';
import { ComponentChart } from './component-chart';
import { WorkloadCluster } from './workload-cluster';

/** A place Argo CD deploys to: a workload cluster, or a kcp workspace (a cluster URL ending in /clusters/<path>). */
export interface Target {
  readonly name: string;
  readonly kind: 'workload-cluster' | 'kcp-workspace';
  readonly destination: Destination;
}

/** All charts of one environment, and the targets they deploy to. Nothing is written here: see synth/. */
export class EnvironmentApp extends App {
  public readonly clusters: WorkloadCluster[];
  /** The kcp workspaces' charts; undefined without a kcp section. */
  public readonly kcp?: KcpWorkspaces;
  private readonly _targets = new Map<string, Target>();

  constructor(public readonly config: EnvironmentConfig) {
    super({ outdir: 'unused' });
    this.kcp = config.kcp ? new KcpWorkspaces(this, 'kcp', { app: this, kcp: config.kcp, clusters: config.clusters, pacGateway: config.pacGateway }) : undefined;
    this.clusters = config.clusters.map((cluster, index) => {
      this.addTarget({ name: cluster.name, kind: 'workload-cluster', destination: cluster.destination });
      return new WorkloadCluster(this, cluster.name, { environment: config, cluster, index, kcpCompute: this.kcp?.compute });
    });
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
