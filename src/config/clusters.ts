import { z } from 'zod';
import { clusterKcpSchema } from './kcp';
import { apiServerUrl, dnsLabel, labels, text } from './primitives';
import { pacRouteUrl } from './pac-route';

/** Where Argo CD deploys: a registered cluster's API server URL or its name in Argo CD. */
export const destinationSchema = z.union(
  [z.strictObject({ server: apiServerUrl }), z.strictObject({ name: text(253, { min: 1 }) })],
  { error: 'must name exactly one of server (API server URL) or name (Argo CD cluster name)' },
);

/** The ServiceAccount `argocd cluster add` creates on a cluster it registers, whose token Argo CD's cluster Secret holds. */
/**
 * One Argo CD destination as a comparable text: the server URL without trailing slashes (and
 * without credentials, which are refused on the field and never repeated in a message), or the
 * cluster name; undefined while neither parsed.
 */
export function destinationKey(d: { readonly server?: string; readonly name?: string } | undefined): string | undefined {
  if (d?.server) return `server ${d.server.replace(/\/\/[^/]*@/, '//').replace(/\/+$/, '')}`;
  if (d?.name) return `cluster ${d.name}`;
  return undefined;
}

export const ARGOCD_MANAGER = { namespace: 'kube-system', name: 'argocd-manager' } as const;
const IN_CLUSTER = { server: 'https://kubernetes.default.svc', name: 'in-cluster' };

export const clusterSchema = z.strictObject({
  /** Target name: the folder under dist/<env>/ and the SyncTarget's base name. */
  name: dnsLabel,
  destination: destinationSchema,
  labels: labels.default({}),
  /**
   * The identity Argo CD acts as on this cluster, which gets access to TektonConfig: the
   * ServiceAccount whose token the cluster's Argo CD Secret holds.
   * @default - the application controller's own ServiceAccount (argocd.*) when the destination is
   *   Argo CD's own cluster (in-cluster), else kube-system/argocd-manager (what `argocd cluster add` creates)
   */
  argocdServiceAccount: z.strictObject({ namespace: dnsLabel, name: dnsLabel }).optional(),
  /** This cluster's SyncTarget UID and syncer kubeconfig source; used only with the top-level `kcp` section. */
  kcp: clusterKcpSchema.optional(),
  /**
   * This cluster's Pipelines-as-Code route (https://<host>, no path), to which webhookProxy
   * forwards every webhook; required on every cluster when webhookProxy is set. @default - none
   */
  pacRoute: pacRouteUrl.optional(),
});

export type ClusterConfig = z.output<typeof clusterSchema>;

/** Whether Argo CD deploys to this cluster as its own (in-cluster) destination. */
export function isInCluster(destination: Destination): boolean {
  return 'server' in destination ? destination.server.replace(/\/+$/, '') === IN_CLUSTER.server : destination.name === IN_CLUSTER.name;
}

/** The ServiceAccount Argo CD acts as on a cluster (see `argocdServiceAccount`). */
export function argocdIdentity(cluster: Pick<ClusterConfig, 'destination' | 'argocdServiceAccount'>, argocd: { readonly namespace: string; readonly applicationControllerServiceAccount: string }): { namespace: string; name: string } {
  if (cluster.argocdServiceAccount) return { ...cluster.argocdServiceAccount };
  return isInCluster(cluster.destination) ? { namespace: argocd.namespace, name: argocd.applicationControllerServiceAccount } : { ...ARGOCD_MANAGER };
}
export type Destination = z.output<typeof destinationSchema>;
