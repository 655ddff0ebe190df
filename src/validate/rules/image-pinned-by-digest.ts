import { pathOf } from '../pods';
import { podRule } from './pod-rule';

const DIGEST = /@sha256:[a-f0-9]{64}$/;

export const imagePinnedByDigest = podRule(
  'image-pinned-by-digest',
  'every container image is pinned by digest (`repo@sha256:<64 hex>`)',
  'a tag can be moved to other content; a digest deploys exactly the reviewed image, reproducibly',
  ({ container, path }) =>
    typeof container.image === 'string' && DIGEST.test(container.image)
      ? []
      : [{ path: pathOf(path, 'image'), message: `must be pinned by digest (repo@sha256:...), got ${JSON.stringify(container.image ?? null)}` }],
);
