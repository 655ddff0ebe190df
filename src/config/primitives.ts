import { CronExpressionParser } from 'cron-parser';
import { z } from 'zod';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
// Qualified label key: optional DNS subdomain prefix, then a name of at most 63 characters.
const LABEL_KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const IMAGE_BY_DIGEST = /^[a-z0-9][a-z0-9.:_/-]*@sha256:[a-f0-9]{64}$/;
const CRON_MACROS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);

/** A DNS-1123 label: namespaces, cluster names, label-like object names. */
export const dnsLabel = z
  .string()
  .max(63, { message: 'must be at most 63 characters (DNS-1123 label)' })
  .regex(DNS_LABEL, { message: "must be a DNS-1123 label: lower-case letters, digits and '-', starting and ending with a letter or digit" });

/** A DNS-1123 subdomain: most object names. */
export const dnsSubdomain = z
  .string()
  .max(253, { message: 'must be at most 253 characters (DNS-1123 subdomain)' })
  .regex(DNS_SUBDOMAIN, { message: "must be a DNS-1123 subdomain: lower-case letters, digits, '-' and '.'" });

/** Kubernetes labels: qualified keys, values of at most 63 characters. */
export const labels = z.record(
  z.string().regex(LABEL_KEY, { message: 'must be a qualified label key ([prefix/]name, name at most 63 characters)' }),
  z
    .string()
    .max(63, { message: 'label values must be at most 63 characters' })
    .regex(LABEL_VALUE, { message: "label values may hold letters, digits, '-', '_' and '.', and start and end with a letter or digit" }),
);

/** A container image pinned by digest (`repo/name@sha256:<64 hex>`); tags alone are mutable. */
export const imageByDigest = z
  .string()
  .regex(IMAGE_BY_DIGEST, { message: 'must be an image pinned by digest: <registry>/<repository>@sha256:<64 hex digits>' });

/** A Kubernetes CronJob schedule: five cron fields or one of the @-macros. */
export const cronSchedule = z.string().superRefine((value, ctx) => {
  const trimmed = value.trim();
  if (CRON_MACROS.has(trimmed)) return;
  if (trimmed.split(/\s+/).length !== 5) {
    ctx.addIssue({ code: 'custom', message: `must be a cron schedule with five fields (minute hour day month weekday) or an @-macro, got "${value}"` });
    return;
  }
  try {
    CronExpressionParser.parse(trimmed);
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: `is not a valid cron schedule "${value}": ${(e as Error).message}` });
  }
});

export const httpsUrl = z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' });

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
      ctx.addIssue({ code: 'custom', path: [...listPath, i, field], message: `duplicate ${field} "${k}" (also at index ${first})` });
    }
  });
}

/** What Argo CD accepts as a git repository: an http(s) or ssh URL, or scp-like `git@host:path`. */
export const gitRepoUrl = z
  .string()
  .regex(/^(https?:\/\/[^\s/]+\/\S+|ssh:\/\/\S+|[\w.-]+@[\w.-]+:\S+)$/, { message: 'must be a git repository URL (https://host/path, ssh://... or git@host:path)' });

/**
 * A check across the fields of an object: it runs only once every field parsed, since it reads
 * them as typed values (zod would otherwise run it on a partial object after a missing field).
 */
export function crossFieldCheck<T>(fn: (value: T, ctx: z.RefinementCtx) => void) {
  return z.superRefine<T>(fn, { when: (payload) => payload.issues.length === 0 });
}
