import { formatPath } from '../../config/errors';
import { hasUrlPassword } from '../../config/grammar/url';
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
  { what: 'a password in a URL (scheme://user:password@)', test: hasUrlPassword },
];

/** Field names whose non-empty string value is a credential. */
const CREDENTIAL_KEY = /^(password|passwd|token|bearerToken|clientSecret|privateKey|apiKey|accessKey|secretKey|secretAccessKey)$/i;

/**
 * Fields whose name looks like a credential but whose value is not one, per API group and kind.
 * A path is a list of keys; `[]` matches any array index, `*` any map key.
 * - ExternalSecret `secretKey` names the key written into the target Secret; `remoteRef` points
 *   into the secret store. Neither holds the secret.
 * - SealedSecret `encryptedData` is ciphertext only the cluster's controller decrypts: safe in git.
 *   (Its `spec.template` is plain text and stays scanned.)
 * Values there are still scanned for credential content (a private key pasted in is caught).
 */
const REFERENCE_FIELDS: Readonly<Record<string, readonly (readonly string[])[]>> = {
  'external-secrets.io/ExternalSecret': [['spec', 'data', '[]', 'secretKey']],
  'external-secrets.io/ClusterExternalSecret': [['spec', 'externalSecretSpec', 'data', '[]', 'secretKey']],
  'bitnami.com/SealedSecret': [['spec', 'encryptedData', '*']],
};

function referencePaths(obj: KubeObject): readonly (readonly string[])[] {
  const apiVersion = typeof obj.apiVersion === 'string' ? obj.apiVersion : '';
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.lastIndexOf('/')) : '';
  return REFERENCE_FIELDS[`${group}/${String(obj.kind)}`] ?? [];
}

function matches(pattern: readonly string[], path: readonly PropertyKey[]): boolean {
  if (pattern.length !== path.length) return false;
  return pattern.every((p, i) => (p === '[]' ? typeof path[i] === 'number' : p === '*' ? typeof path[i] === 'string' : p === path[i]));
}

const INLINE = 'is a credential inlined in git: reference a Secret instead (existing Secret name or ExternalSecret)';

function scan(value: unknown, path: PropertyKey[], out: Violation[], references: readonly (readonly string[])[]): void {
  if (typeof value === 'string') {
    const hit = CREDENTIAL_TEXT.find((c) => c.test(value));
    if (hit) out.push({ path: formatPath(path), message: `holds ${hit.what}: reference a Secret instead (existing Secret name or ExternalSecret)` });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => scan(v, [...path, i], out, references));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const at = [...path, k];
      if (CREDENTIAL_KEY.test(k) && typeof v === 'string' && v !== '' && !references.some((r) => matches(r, at))) {
        out.push({ path: formatPath(at), message: INLINE });
      } else {
        scan(v, at, out, references);
      }
    }
  }
}

export const noInlineCredentials: PolicyRule<'no-inline-credentials'> = {
  id: 'no-inline-credentials',
  description:
    'no Secret carries data or stringData, and no field anywhere holds a private key, kubeconfig credentials, a token, a password, or a URL with a password (scheme://user:password@); a service-account-token Secret without data is fine',
  why: 'git is read by many and kept forever: credentials are referenced (existing Secret name, ExternalSecret, SealedSecret), never inlined',
  check(obj: KubeObject): Violation[] {
    const out: Violation[] = [];
    const isSecret = obj.kind === 'Secret' && obj.apiVersion === 'v1';
    const references = referencePaths(obj);
    for (const [k, v] of Object.entries(obj)) {
      if (isSecret && (k === 'data' || k === 'stringData') && v && typeof v === 'object') {
        for (const key of Object.keys(v)) {
          out.push({ path: formatPath([k, key]), message: 'a Secret in git holds its value inline: create it out of band and reference it, or use an ExternalSecret' });
        }
      } else {
        scan(v, [k], out, references);
      }
    }
    return out;
  },
};
