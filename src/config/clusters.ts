import { z } from 'zod';
import { clusterKcpSchema } from './kcp';
import { apiServerUrl, dnsLabel, labels, text } from './primitives';

/** Where Argo CD deploys: a registered cluster's API server URL or its name in Argo CD. */
export const destinationSchema = z.union(
  [z.strictObject({ server: apiServerUrl }), z.strictObject({ name: text(253, { min: 1 }) })],
  { error: 'must name exactly one of server (API server URL) or name (Argo CD cluster name)' },
);

export const clusterSchema = z.strictObject({
  /** Target name: the folder under dist/<env>/ and the SyncTarget's base name. */
  name: dnsLabel,
  destination: destinationSchema,
  labels: labels.default({}),
  /** This cluster's SyncTarget UID and syncer kubeconfig source; used only with the top-level `kcp` section. */
  kcp: clusterKcpSchema.optional(),
});

export type ClusterConfig = z.output<typeof clusterSchema>;
export type Destination = z.output<typeof destinationSchema>;
