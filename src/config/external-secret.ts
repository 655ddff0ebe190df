import { z } from 'zod';
import { dnsSubdomain, goDuration } from './primitives';

/** The external-secrets store an ExternalSecret reads from (external-secrets v0.9 `secretStoreRef`). */
export const secretStoreRefSchema = z.strictObject({
  name: dnsSubdomain,
  kind: z.enum(['SecretStore', 'ClusterSecretStore']).default('ClusterSecretStore'),
});

/** How often the operator re-reads the store (Go duration). */
export const refreshIntervalSchema = goDuration.default('1h');
