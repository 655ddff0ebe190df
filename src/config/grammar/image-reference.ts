/**
 * The container image reference grammar of distribution/reference (v0.5.0 regexp.go, the
 * grammar containerd and CRI-O parse with): [domain[:port]/]path[:tag][@digest].
 */
const ALPHANUMERIC = '[a-z0-9]+';
const SEPARATOR = '(?:[._]|__|[-]+)';
const PATH_COMPONENT = `${ALPHANUMERIC}(?:${SEPARATOR}${ALPHANUMERIC})*`;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const HOST = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])`;
const DOMAIN = `${HOST}(?::[0-9]+)?`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9A-Fa-f]{32,}';
const REFERENCE = new RegExp(`^(?:(${DOMAIN})/)?(${PATH_COMPONENT}(?:/${PATH_COMPONENT})*)(?::(${TAG}))?(?:@(${DIGEST}))?$`);
/** distribution/reference NameTotalLengthMax. */
export const MAX_IMAGE_NAME = 255;
/** Name, tag and digest together, with room to spare. */
export const MAX_IMAGE_REFERENCE = MAX_IMAGE_NAME + 1 + 128 + 1 + 7 + 128;
const SHA256_DIGEST = /^sha256:[a-f0-9]{64}$/;

export interface ImageReference {
  readonly domain: string;
  readonly path: string;
  readonly tag?: string;
  readonly digest?: string;
}

/** The parts of a reference, or why it is none we accept: the registry must be named, and the digest be sha256. */
export function parseImageReference(value: string): ImageReference | string {
  if (value.length > MAX_IMAGE_REFERENCE) return `must be at most ${MAX_IMAGE_REFERENCE} characters, got ${value.length}`;
  const m = REFERENCE.exec(value);
  if (!m) {
    return 'is not an image reference: registry[:port]/path[:tag]@sha256:<64 hex>, path parts of lower-case letters and digits joined by one of . _ __ -, one / between parts, a tag of letters, digits, _ . - (at most 128)';
  }
  let [, domain, path] = m;
  const [, , , tag, digest] = m;
  // As docker's splitDockerDomain: a first part without '.' or ':' that is not localhost is a
  // path on Docker Hub, resolved per node (CRI-O short names) - ambiguous, so refused.
  if (domain !== undefined && !/[.:]/.test(domain) && domain !== 'localhost') {
    path = `${domain}/${path}`;
    domain = undefined as unknown as string;
  }
  if (domain === undefined) return 'must name its registry (e.g. docker.io/library/haproxy, not haproxy): a short name is resolved per node';
  if (domain.length + 1 + path.length > MAX_IMAGE_NAME) return `must have a name (registry/path) of at most ${MAX_IMAGE_NAME} characters`;
  if (digest !== undefined && !SHA256_DIGEST.test(digest)) return 'must have a sha256 digest: @sha256:<64 lower-case hex digits>';
  return { domain, path, tag, digest };
}
