import { Destination } from '../config';

/** A place Argo CD deploys to: a workload cluster, or a kcp workspace (a cluster URL ending in /clusters/<path>). */
export interface Target {
  readonly name: string;
  readonly kind: 'workload-cluster' | 'kcp-workspace';
  readonly destination: Destination;
}
