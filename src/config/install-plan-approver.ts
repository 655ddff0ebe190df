import { z } from 'zod';
import { imageByDigest } from './primitives';

/**
 * Opt-in approver for Manual InstallPlans: Argo CD cannot approve them itself (their names are
 * generated). Only meaningful with `installPlanApproval: Manual`; checked in operator.ts.
 */
export const installPlanApproverSchema = z.strictObject({
  enabled: z.boolean().default(false),
  /** An image with /bin/sh and kubectl (e.g. the OpenShift CLI image), pinned by digest. */
  image: imageByDigest.optional(),
});

export type InstallPlanApproverConfig = z.output<typeof installPlanApproverSchema>;
