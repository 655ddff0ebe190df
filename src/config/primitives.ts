import { z } from 'zod';
import { cronScheduleProblem } from './grammar/cron';
import { gitRevisionProblem } from './grammar/git-revision';
import { MAX_GO_DURATION_LENGTH, parseGoDuration } from './grammar/go-duration';
import { parseImageReference } from './grammar/image-reference';
import { MAX_METADATA_MAP_BYTES, labelKeyProblem, labelValueProblem, metadataMapBytes } from './grammar/labels';
import { forbiddenCharacter, quote } from './grammar/text';
import { UrlRules, hasUrlPassword, urlProblem } from './grammar/url';

/**
 * Every config field goes through one of these: each checks a value against the grammar of the
 * system that reads it, and bounds its length before anything else looks at it. Messages never
 * repeat an unbounded user value (see grammar/text.ts quote).
 */

/** A string field checked by `problem` (undefined: fine). */
export function grammar(problem: (value: string) => string | undefined) {
  return z.string().superRefine((value, ctx) => {
    const p = problem(value);
    if (p !== undefined) ctx.addIssue({ code: 'custom', message: p });
  });
}

/** `got N` for a value over its bound: the length, never the value. */
const tooLong = (max: number, value: string, what = 'characters') => `must be at most ${max} ${what}, got ${value.length}`;

/**
 * Free text (a display name, a group, a template, a setting): one line of at most `max`
 * characters, no control characters, no URL with a password. `min`: at least that many characters.
 */
export function text(max: number, options: { min?: number } = {}) {
  return grammar((value) => {
    if (value.length > max) return tooLong(max, value);
    if (value.length < (options.min ?? 0)) return options.min === 1 ? 'must not be empty' : `must be at least ${options.min} characters`;
    const bad = forbiddenCharacter(value);
    if (bad) return `must be one line of text without control characters (found ${bad})`;
    return hasUrlPassword(value) ? 'must not hold a URL with a password (scheme://user:password@): git keeps it; reference a Secret instead' : undefined;
  });
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** A DNS-1123 label: namespaces, cluster names, label-like object names. */
export const dnsLabel = grammar((value) => {
  if (value.length > 63) return `must be at most 63 characters (DNS-1123 label), got ${value.length}`;
  return DNS_LABEL.test(value) ? undefined : "must be a DNS-1123 label: lower-case letters, digits and '-', starting and ending with a letter or digit";
});

/** A DNS-1123 subdomain: most object names. */
export const dnsSubdomain = grammar((value) => {
  if (value.length > 253) return `must be at most 253 characters (DNS-1123 subdomain), got ${value.length}`;
  return DNS_SUBDOMAIN.test(value) ? undefined : "must be a DNS-1123 subdomain: lower-case letters, digits, '-' and '.'";
});

/** An API group: '' (core) or a DNS-1123 subdomain. */
export const apiGroup = grammar((value) => {
  if (value === '') return undefined;
  if (value.length > 253) return `must be at most 253 characters, got ${value.length}`;
  return DNS_SUBDOMAIN.test(value) ? undefined : "must be an API group: '' for core, or a DNS-1123 subdomain such as apps or tekton.dev";
});

/** A key of a Secret or ConfigMap (apimachinery IsConfigMapKey). */
export const secretKey = grammar((value) => {
  if (value.length > 253) return `must be at most 253 characters, got ${value.length}`;
  if (value === '.' || value === '..') return "must not be '.' or '..'";
  return /^[-._a-zA-Z0-9]+$/.test(value) ? undefined : "must be a Secret key: letters, digits, '-', '_' and '.'";
});

/** Words a map key may not be: cdk8s 2.70 (cdk8s lib/_util.js sanitizeValue) reads `obj.constructor.name` of every map it renders. */
const UNRENDERABLE_KEYS: Readonly<Record<string, string>> = {
  constructor: 'is a valid Kubernetes label key, but the manifest library (cdk8s sanitizeValue) reads a "constructor" key as the class of the map and cannot render it: use another key',
};

/** Kubernetes labels: qualified keys, values of at most 63 characters, at most 256 KiB in all. */
export const labels = z
  .custom<Record<string, string>>((v) => v !== null && typeof v === 'object' && !Array.isArray(v), { message: 'must be a map of label keys to string values' })
  .superRefine((map, ctx) => {
    // Read the object's own keys: a parser would drop `__proto__` silently.
    const keys = Object.keys(map);
    for (const key of keys) {
      const value: unknown = map[key];
      const keyProblem = Object.prototype.hasOwnProperty.call(UNRENDERABLE_KEYS, key) ? UNRENDERABLE_KEYS[key] : labelKeyProblem(key) && `label key ${labelKeyProblem(key)}`;
      if (keyProblem) ctx.addIssue({ code: 'custom', path: [key], message: keyProblem });
      else if (typeof value !== 'string') ctx.addIssue({ code: 'custom', path: [key], message: 'label value must be a string (quote numbers and true/false)' });
      else {
        const valueProblem = labelValueProblem(value);
        if (valueProblem) ctx.addIssue({ code: 'custom', path: [key], message: `label value ${valueProblem}` });
      }
    }
    const bytes = metadataMapBytes(map);
    if (bytes > MAX_METADATA_MAP_BYTES) ctx.addIssue({ code: 'custom', message: `must hold at most ${MAX_METADATA_MAP_BYTES} bytes of keys and values (Kubernetes' annotation budget), got ${bytes}` });
  })
  // What the JSON Schema (schemas/environment.schema.json) says of it: a custom type has no form of its own there.
  .meta({ type: 'object', additionalProperties: { type: 'string' } });

/** A container image pinned by digest (`registry/repo/name[:tag]@sha256:<64 hex>`); tags alone are mutable. */
export const imageByDigest = grammar((value) => {
  const ref = parseImageReference(value);
  if (typeof ref === 'string') return ref;
  return ref.digest ? undefined : 'must be pinned by digest: <registry>/<repository>[:tag]@sha256:<64 hex digits> (a tag alone can change under you)';
});

/** A Kubernetes CronJob schedule (see grammar/cron.ts). */
export const cronSchedule = grammar((value) => {
  const p = cronScheduleProblem(value);
  return p === undefined ? undefined : `is not a Kubernetes CronJob schedule: ${p}`;
});

/** A URL checked against `rules` (scheme, host, no credentials); messages never repeat it. */
export function url(rules: UrlRules) {
  return grammar((value) => urlProblem(value, rules));
}

/** What Argo CD accepts as a git repository: https://host/path, ssh://[user@]host/path or scp-like [user@]host:path. */
export const gitRepoUrl = url({
  schemes: ['https', 'ssh'],
  scpLike: true,
  sshUser: true,
  requirePath: true,
  credentials: 'give Argo CD the credentials in a repository Secret or a credential template (label argocd.argoproj.io/secret-type: repository or repo-creds)',
});

/** A branch, tag or commit Argo CD can check out (git's ref name rules). */
export const gitRevision = grammar(gitRevisionProblem);

/** A Kubernetes API server as an Argo CD destination: https only (no API server serves plain http since Kubernetes 1.20). */
export const apiServerUrl = url({
  schemes: ['https'],
  credentials: "Argo CD reads a cluster's credentials from its cluster Secret (label argocd.argoproj.io/secret-type: cluster)",
});

/**
 * A Go duration (time.ParseDuration) with a unit on every number and no sign ("30s", "1h30m",
 * "1.5h"), as metav1.Duration fields and Go flags read it; refused when Go would overflow.
 */
export const goDuration = grammar((value) => {
  if (value.length > MAX_GO_DURATION_LENGTH) return tooLong(MAX_GO_DURATION_LENGTH, value);
  if (!/^([0-9]+(\.[0-9]+)?(ns|us|\u00b5s|ms|s|m|h))+$/.test(value)) return 'must be a Go duration such as 30s, 1m or 1h30m';
  return parseGoDuration(value) === undefined ? 'is longer than a Go duration can hold (about 292 years)' : undefined;
});

/** A Kubernetes quantity of the forms we write (decimal with an optional SI or binary suffix). */
export const quantity = grammar((value) => {
  if (value.length > 32) return tooLong(32, value);
  return /^[0-9]+(\.[0-9]+)?(m|Ki|Mi|Gi|Ti|k|M|G|T)?$/.test(value) ? undefined : 'must be a Kubernetes quantity such as 100m, 1 or 256Mi';
});

/** A plural resource name (`pipelineruns`), as in RBAC rules and kcp claims. */
export const resourceName = grammar((value) => {
  if (value.length > 63) return tooLong(63, value);
  return /^[a-z][a-z0-9]*$/.test(value) ? undefined : 'must be a plural resource name: lower-case letters and digits, e.g. secrets';
});

/** An OLM package or channel name (catalog data: letters, digits, '-', '_', '.'). */
export const olmName = grammar((value) => {
  if (value.length > 253) return tooLong(253, value);
  return /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(value) ? undefined : "must be letters, digits, '-', '_' and '.', starting and ending with a letter or digit";
});

// ImageDigestMirrorSet `source` and `mirrors` as the CRD's patterns take them (openshift/api@release-4.14
// config/v1/types_image_digest_mirrors.go): host[:port] with an optional path, no tag, no digest.
const HOST_PART = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const REPOSITORY = new RegExp(`^(${HOST_PART}(?:(?:\\.${HOST_PART})+)?(?::[0-9]+)?)(?:(?:/[a-z0-9]+(?:(?:(?:[._]|__|[-]*)[a-z0-9]+)+)?)+)?$`);
const WILDCARD_HOST = new RegExp(`^\\*(?:\\.${HOST_PART})+$`);
const MAX_REPOSITORY = 255;

/** A registry or repository an image may be mirrored to: `host[:port][/path]`, no tag or digest. */
export const mirrorRepository = grammar((value) => {
  if (value.length > MAX_REPOSITORY) return tooLong(MAX_REPOSITORY, value);
  return REPOSITORY.test(value) ? undefined : 'must be a registry or repository without tag or digest: host[:port][/path], e.g. quay.io/openshift-pipeline';
});

/** What a mirror stands in for: a repository as above, or a wildcard host (`*.redhat.io`). */
export const mirrorSource = grammar((value) => {
  if (value.length > MAX_REPOSITORY) return tooLong(MAX_REPOSITORY, value);
  return REPOSITORY.test(value) || WILDCARD_HOST.test(value) ? undefined : 'must be a repository without tag or digest (host[:port][/path]) or a wildcard host such as *.redhat.io';
});

/** A hex SHA-256 sum (64 lower-case hex digits), e.g. a kcp APIExport identity hash. */
export const sha256Hex = grammar((value) => (/^[a-f0-9]{64}$/.test(value) ? undefined : 'must be 64 lower-case hex digits (a SHA-256 sum)'));

export const INT32_MAX = 2_147_483_647;

/** An integer Kubernetes stores as int32 (replicas, ports, UIDs, counts). */
export function int32(min: number, max = INT32_MAX) {
  return z
    .number()
    .int({ message: 'must be an integer' })
    .min(min, { message: `must be at least ${min}` })
    .max(max, { message: `must be at most ${max}${max === INT32_MAX ? ' (int32)' : ''}` });
}

/** An integer Kubernetes stores as int64: zod's int() keeps it to the integers a JSON number holds exactly. */
export const int64 = z.number().int({ message: 'must be an integer' });

/** A positive number (a float rate such as client-go's QPS), at most `max`. */
export function positiveNumber(max = INT32_MAX) {
  return z.number().positive({ message: 'must be a positive number' }).max(max, { message: `must be at most ${max}` });
}

/** A TCP port. */
export const port = int32(1, 65535);

/** Named scalar settings (TektonConfig `spec.pipeline` flags): bounded names and values; which names and values exist is checked per train (src/trains/). */
export const scalarMap = z.record(text(253, { min: 1 }), z.union([text(4096), int64, z.boolean()]));

/** Names that must be unique inside a list: one issue per repeated entry, at its own path. */
export function uniqueBy<T>(items: readonly T[], key: (item: T) => string | undefined, field: string, ctx: z.RefinementCtx, listPath: (string | number)[]) {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const k = key(item);
    if (k === undefined) return;
    const first = seen.get(k);
    if (first === undefined) {
      seen.set(k, i);
    } else {
      ctx.addIssue({ code: 'custom', path: [...listPath, i, field], message: `duplicate ${field} ${quote(k)} (also at index ${first})` });
    }
  });
}

/**
 * A check across the fields of an object: it runs only once every field parsed, since it reads
 * them as typed values (zod would otherwise run it on a partial object after a missing field).
 */
export function crossFieldCheck<T>(fn: (value: T, ctx: z.RefinementCtx) => void) {
  return z.superRefine<T>(fn, { when: (payload) => payload.issues.length === 0 });
}
