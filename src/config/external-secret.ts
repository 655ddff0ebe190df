import { z } from 'zod';
import { dnsSubdomain, goDuration, text } from './primitives';

/**
 * Where an ExternalSecret (external-secrets.io) reads one value from: a store and a key in it,
 * never the value. The Secret it materializes is named by the field that uses it.
 */
export const externalSecretSourceSchema = z.strictObject({
  storeRef: z.strictObject({ name: dnsSubdomain, kind: z.enum(['SecretStore', 'ClusterSecretStore']).default('ClusterSecretStore') }),
  /** Key of the value in the store. */
  remoteKey: text(1024, { min: 1 }),
  property: text(1024, { min: 1 }).optional(),
  refreshInterval: goDuration.default('1h'),
});

export type ExternalSecretSource = z.output<typeof externalSecretSourceSchema>;
