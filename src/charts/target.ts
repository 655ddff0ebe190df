import { Destination } from '../config';

/**
 * A place Argo CD deploys to: a workload cluster, a kcp workspace (a cluster URL ending in
 * /clusters/<path>), or the host cluster running only the webhook proxy.
 */
export interface Target {
  readonly name: string;
  readonly kind: 'workload-cluster' | 'kcp-workspace' | 'host-cluster';
  readonly destination: Destination;
}
