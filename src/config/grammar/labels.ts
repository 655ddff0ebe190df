/**
 * Label keys and values as Kubernetes validates them (kubernetes/apimachinery
 * pkg/util/validation/validation.go IsQualifiedName, IsValidLabelValue).
 */
const NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
export const MAX_LABEL_NAME = 63;
export const MAX_LABEL_PREFIX = 253;
export const MAX_LABEL_VALUE = 63;
/**
 * apimachinery ValidateAnnotationsSize's budget (TotalAnnotationSizeLimitB, 256 KiB of keys and
 * values), applied to a label map too: labels have no total limit of their own, but share the
 * object with everything else, and etcd takes at most 1.5 MiB per object.
 */
export const MAX_METADATA_MAP_BYTES = 256 * 1024;

/** Why `key` is not a qualified label key, or undefined. */
export function labelKeyProblem(key: string): string | undefined {
  if (key.length > MAX_LABEL_PREFIX + 1 + MAX_LABEL_NAME) return `must be at most ${MAX_LABEL_PREFIX + 1 + MAX_LABEL_NAME} characters ([prefix/]name), got ${key.length}`;
  const parts = key.split('/');
  if (parts.length > 2) return "must be [prefix/]name with at most one '/'";
  const [prefix, name] = parts.length === 2 ? parts : [undefined, parts[0]];
  if (prefix !== undefined) {
    if (prefix.length === 0) return "must have a prefix before '/'";
    if (prefix.length > MAX_LABEL_PREFIX) return `prefix must be at most ${MAX_LABEL_PREFIX} characters (DNS-1123 subdomain), got ${prefix.length}`;
    if (!DNS_SUBDOMAIN.test(prefix)) return "prefix must be a DNS-1123 subdomain: lower-case letters, digits, '-' and '.'";
  }
  if (name.length === 0) return 'must have a name';
  if (name.length > MAX_LABEL_NAME) return `name must be at most ${MAX_LABEL_NAME} characters, got ${name.length}`;
  if (!NAME.test(name)) return "name must be letters, digits, '-', '_' and '.', starting and ending with a letter or digit";
  return undefined;
}

/** Why `value` is not a label value, or undefined. */
export function labelValueProblem(value: string): string | undefined {
  if (value.length > MAX_LABEL_VALUE) return `must be at most ${MAX_LABEL_VALUE} characters, got ${value.length}`;
  if (!VALUE.test(value)) return "must be empty or letters, digits, '-', '_' and '.', starting and ending with a letter or digit";
  return undefined;
}

/** Bytes of keys and values, as ValidateAnnotationsSize counts them. */
export function metadataMapBytes(map: Readonly<Record<string, string>>): number {
  let total = 0;
  for (const [k, v] of Object.entries(map)) total += Buffer.byteLength(k) + (typeof v === 'string' ? Buffer.byteLength(v) : 0);
  return total;
}
