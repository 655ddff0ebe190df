import { formatPath } from '../../config/errors';
import { KubeObject } from '../types';
import { PolicyRule, Violation } from './rule';

/** Content that is a credential wherever it appears. */
const CREDENTIAL_TEXT: readonly { what: string; test: (s: string) => boolean }[] = [
  { what: 'a private key', test: (s) => /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(s) },
  // Only inside a kubeconfig: a script that prints "token: $X" is no credential.
  { what: 'kubeconfig credentials', test: (s) => /\bkind:\s*Config\b/.test(s) && /\b(client-key-data|client-certificate-data|token|password):\s*\S/.test(s) },
  { what: 'a JSON web token', test: (s) => /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+/.test(s) },
  { what: 'a bearer token', test: (s) => /"bearerToken"\s*:\s*"[^"]+"/.test(s) },
  { what: 'a GitHub token', test: (s) => /\b(ghp|gho|ghs|ghu|github_pat)_[A-Za-z0-9_]{20,}/.test(s) },
];

/** Field names whose non-empty string value is a credential. */
const CREDENTIAL_KEY = /^(password|passwd|token|bearerToken|clientSecret|privateKey|apiKey|accessKey|secretKey|secretAccessKey)$/i;

function scan(value: unknown, path: PropertyKey[], out: Violation[]): void {
  if (typeof value === 'string') {
    const hit = CREDENTIAL_TEXT.find((c) => c.test(value));
    if (hit) out.push({ path: formatPath(path), message: `holds ${hit.what}: reference a Secret instead (existing Secret name or ExternalSecret)` });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => scan(v, [...path, i], out));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (CREDENTIAL_KEY.test(k) && typeof v === 'string' && v !== '') {
        out.push({ path: formatPath([...path, k]), message: 'is a credential inlined in git: reference a Secret instead (existing Secret name or ExternalSecret)' });
      } else {
        scan(v, [...path, k], out);
      }
    }
  }
}

export const noInlineCredentials: PolicyRule<'no-inline-credentials'> = {
  id: 'no-inline-credentials',
  description:
    'no Secret carries data or stringData, and no field anywhere holds a private key, kubeconfig credentials, a token or a password; a service-account-token Secret without data is fine',
  why: 'git is read by many and kept forever: credentials are referenced (existing Secret name, ExternalSecret, SealedSecret), never inlined',
  check(obj: KubeObject): Violation[] {
    const out: Violation[] = [];
    const isSecret = obj.kind === 'Secret' && obj.apiVersion === 'v1';
    for (const [k, v] of Object.entries(obj)) {
      if (isSecret && (k === 'data' || k === 'stringData') && v && typeof v === 'object') {
        for (const key of Object.keys(v)) {
          out.push({ path: formatPath([k, key]), message: 'a Secret in git holds its value inline: create it out of band and reference it, or use an ExternalSecret' });
        }
      } else {
        scan(v, [k], out);
      }
    }
    return out;
  },
};
