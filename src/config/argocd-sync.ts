import { z } from 'zod';
import { parseGoDuration } from './grammar/go-duration';
import { grammar, int32 } from './primitives';

/** Argo CD reads a bare number as seconds, or a Go duration ("5s", "2m", "1h"). */
const argoDuration = grammar((value) => {
  if (!/^([0-9]{1,12}|([0-9]{1,12}(ms|s|m|h)){1,4})$/.test(value)) return 'must be seconds or a Go duration such as 5s, 2m or 1h';
  // Bare seconds are multiplied into int64 nanoseconds (Argo CD parseStringToDuration).
  return parseGoDuration(/[a-z]$/.test(value) ? value : `${value}s`) === undefined ? 'is longer than a Go duration can hold (about 292 years)' : undefined;
});

/**
 * Retry of failed syncs for every generated Application. Infinite by default: TektonConfig and
 * kcp kinds have no CRD until an earlier app's operator installs it, so a first sync can fail
 * for a while and must keep trying.
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/auto_sync/
 */
export const argocdRetrySchema = z.strictObject({
  /** Attempts after a failed sync; -1 retries forever, 0 never. */
  limit: int32(-1).default(-1),
  backoff: z
    .strictObject({
      duration: argoDuration.default('5s'),
      factor: int32(1).default(2),
      maxDuration: argoDuration.default('3m'),
    })
    .prefault({}),
});

export type ArgocdRetryConfig = z.output<typeof argocdRetrySchema>;
