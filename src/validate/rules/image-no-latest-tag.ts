import { pathOf } from '../pods';
import { podRule } from './pod-rule';

/** The tag of an image reference: after the last ':' of the part after the last '/', before any '@'. */
export function imageTag(image: string): string | undefined {
  const name = image.split('@')[0];
  const last = name.slice(name.lastIndexOf('/') + 1);
  const colon = last.indexOf(':');
  return colon < 0 ? undefined : last.slice(colon + 1);
}

export const imageNoLatestTag = podRule(
  'image-no-latest-tag',
  'no container image uses the `latest` tag, explicitly or implied (no tag and no digest)',
  '`latest` changes under the same name: what runs depends on when a node pulled it',
  ({ container, path }) => {
    const image = typeof container.image === 'string' ? container.image : '';
    const tag = imageTag(image);
    if (tag === 'latest') return [{ path: pathOf(path, 'image'), message: `must not use the latest tag, got ${JSON.stringify(image)}` }];
    if (tag === undefined && !image.includes('@')) return [{ path: pathOf(path, 'image'), message: `has no tag or digest, which means latest: ${JSON.stringify(image)}` }];
    return [];
  },
);
