import { z } from 'zod';
import { dnsLabel, dnsSubdomain, imageByDigest } from './primitives';
import { chainSettingsSchema } from './tekton-config';
import { replicasSchema, resourcesSchema } from './workload';

/**
 * Tekton Chains run as direct manifests instead of by the operator. Only then is this
 * section set, and `tektonConfig.chain.disabled` must be true, or two Chains controllers
 * would sign every run.
 */
export const tektonChainsSchema = z.strictObject({
  namespace: dnsLabel.default('tekton-chains'),
  /** Controller image pinned by digest; no default: a release is chosen per environment. */
  image: imageByDigest,
  /** Secret with the signing key (cosign.key, cosign.password, or x509.pem): referenced, never written to git. */
  signingSecretName: dnsSubdomain.default('signing-secrets'),
  /** `chains-config` keys, the same as TektonConfig `spec.chain` takes. */
  settings: chainSettingsSchema.default({}),
  replicas: replicasSchema.default(1),
  resources: resourcesSchema({ requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '1', memory: '1Gi' } }).prefault({}),
});

export type TektonChainsConfig = z.output<typeof tektonChainsSchema>;
