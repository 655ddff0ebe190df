import { z } from 'zod';

/** Argo CD reads a bare number as seconds, or a Go duration ("5s", "2m", "1h"). */
const argoDuration = z
  .string()
  .regex(/^([0-9]+|([0-9]+(ms|s|m|h))+)$/, { message: 'must be seconds or a Go duration such as 5s, 2m or 1h' });

/**
 * Retry of failed syncs for every generated Application. Infinite by default: TektonConfig and
 * kcp kinds have no CRD until an earlier app's operator installs it, so a first sync can fail
 * for a while and must keep trying.
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/auto_sync/
 */
export const argocdRetrySchema = z.strictObject({
  /** Attempts after a failed sync; -1 retries forever, 0 never. */
  limit: z.number().int().min(-1, { message: 'must be -1 (retry forever) or a number of attempts' }).default(-1),
  backoff: z
    .strictObject({
      duration: argoDuration.default('5s'),
      factor: z.number().int().min(1).default(2),
      maxDuration: argoDuration.default('3m'),
    })
    .prefault({}),
});

export type ArgocdRetryConfig = z.output<typeof argocdRetrySchema>;
