import { FORBIDDEN_CHARACTER } from './text';

/** Longest URL accepted: far above any API server or repository URL, far below what slows anything. */
export const MAX_URL_LENGTH = 2048;

export interface UrlRules {
  /** Schemes accepted, lower case, without ':'. */
  readonly schemes: readonly string[];
  /** What to do instead of writing credentials into the URL (the end of the message). */
  readonly credentials: string;
  /** A path is added to the URL (kcp adds /clusters/<path>): a query or fragment would end up before it. */
  readonly pathAppended?: boolean;
  /** The URL must name a path (a repository), not only a host. */
  readonly requirePath?: boolean;
  /** ssh:// URLs may name the login user (`ssh://git@host/...`); never a password. */
  readonly sshUser?: boolean;
  /** scp-like `[user@]host:path`, as git and Argo CD accept for ssh. */
  readonly scpLike?: boolean;
}

const SCP_LIKE = /^(?:([^@/:]+)@)?([^@/:[\]]+):(?!\/\/)(.+)$/;
const HOST_NAME = /^[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?(\.[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?)*$/;

/**
 * Why `value` is not a URL of the given rules, or undefined. Messages never repeat the value:
 * it may hold a token.
 */
export function urlProblem(value: string, rules: UrlRules): string | undefined {
  const schemes = rules.schemes.join(', ');
  if (value.length > MAX_URL_LENGTH) return `must be at most ${MAX_URL_LENGTH} characters, got ${value.length}`;
  if (/\s/.test(value) || FORBIDDEN_CHARACTER.test(value)) return 'must not contain spaces, line breaks or control characters';
  if (rules.scpLike && !/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(value)) {
    const scp = SCP_LIKE.exec(value);
    if (scp) {
      if (!HOST_NAME.test(scp[2])) return 'must name a host: [user@]host:path with a DNS host name';
      return undefined;
    }
  }
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(value)?.[1].toLowerCase();
  if (!scheme) return `must be a URL starting with ${rules.schemes.map((s) => `${s}://`).join(' or ')}${rules.scpLike ? ', or [user@]host:path' : ''}`;
  if (!rules.schemes.includes(scheme)) return `must use ${schemes}, not ${scheme}`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `is not a valid ${scheme} URL`;
  }
  if (url.hostname === '') return 'must name a host';
  if (url.password !== '' || (url.username !== '' && !(rules.sshUser && scheme === 'ssh'))) {
    return `must not hold credentials (user:password@ or a token before @): git and every log and diff keep them; ${rules.credentials}`;
  }
  if (rules.pathAppended && (value.includes('?') || value.includes('#'))) {
    return 'must not have a query (?) or fragment (#): a path is appended to this URL';
  }
  if (rules.requirePath && (url.pathname === '' || url.pathname === '/')) return 'must name a path after the host (the repository)';
  return undefined;
}

// `scheme://user:password@host`: userinfo with a password part (RFC 3986 3.2.1). A user alone
// (ssh://git@host) is no credential.
const URL_USERINFO = /\b[A-Za-z][A-Za-z0-9+.-]*:\/\/([^\s/?#@:]*):([^\s/?#@]*)@/g;
// A password that only names a variable the consumer fills in ($(VAR), ${VAR}, $VAR, {{ var }}) is no credential.
const VARIABLE = /^(\$\([A-Za-z_][A-Za-z0-9_]*\)|\$\{[A-Za-z_][A-Za-z0-9_]*\}|\$[A-Za-z_][A-Za-z0-9_]*|\{\{[^{}]*\}\})$/;

/** Whether `text` holds a URL with a password anywhere in it (a database URL in a setting, say). */
export function hasUrlPassword(text: string): boolean {
  if (!text.includes('://')) return false;
  for (const m of text.matchAll(URL_USERINFO)) {
    if (m[2] !== '' && !VARIABLE.test(decodeOrKeep(m[2]))) return true;
  }
  return false;
}

function decodeOrKeep(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
