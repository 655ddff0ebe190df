import { UNRESOLVED_DIGEST } from '../config/kcp';
import { CURRENT } from './current';
import { PHASE_1 } from './phase-1';
import type { PinnedImage, ReleaseTrain } from './types';

export * from './types';
export { RESULTS_RELEASES, compareVersions } from './results-releases';
export type { ResultsRelease } from './results-releases';
export { FIELD_ORIGINS, fieldOrigin } from './field-origins';

/** The release trains an environment may name in `train`. */
export const TRAINS: Readonly<Record<string, ReleaseTrain>> = { [PHASE_1.name]: PHASE_1, [CURRENT.name]: CURRENT };

export const TRAIN_NAMES = Object.keys(TRAINS);

/** The label that tells `check` which train's operator validates a TektonConfig. */
export const TRAIN_LABEL = 'pipeline-service.openshift.io/train';

/** The all-zero digest of an image no source pins yet: synth keeps its workload at 0 replicas and warns. */
export const UNKNOWN_DIGEST = UNRESOLVED_DIGEST;

/** `repo:tag@sha256:...`; an unknown digest becomes UNKNOWN_DIGEST, so it is visible and never guessed. */
export function imageRef(p: PinnedImage): string {
  return `${p.image}@${p.digest === 'unknown' ? UNKNOWN_DIGEST : p.digest}`;
}
