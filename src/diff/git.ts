import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';

/** Trees the diff compares: what Argo CD reads. */
export const DIFF_ROOTS = ['dist', 'argocd'] as const;

/** git is missing, this is no clone, or a ref does not resolve: one line, no usage text. */
export class GitError extends Error {}

function git(args: string[], input?: string): Buffer {
  return execFileSync('git', args, { input, maxBuffer: 1 << 30, stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Fails with one line unless git runs and the working folder is inside a clone. */
export function requireClone(): void {
  try {
    git(['rev-parse', '--git-dir']);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new GitError('diff needs git, and git is not installed (or not on PATH)');
    throw new GitError('diff needs a git clone: this folder is not inside one');
  }
}

/** origin/main when the clone has it, else HEAD: no fetch, no network. */
export function defaultRef(): string {
  try {
    git(['rev-parse', '--verify', '--quiet', 'origin/main^{commit}']);
    return 'origin/main';
  } catch {
    return 'HEAD';
  }
}

function verify(ref: string): void {
  // `--end-of-options`: a ref that starts with `-` is a ref, not an option.
  try {
    git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  } catch {
    throw new GitError(`unknown git ref "${ref}": name a branch, tag or commit of this clone (nothing is fetched)`);
  }
}

/** File -> blob id of every file below `roots` at `ref` (no content read). */
export function treeAtRef(ref: string, roots: readonly string[] = DIFF_ROOTS): Map<string, string> {
  verify(ref);
  const out = new Map<string, string>();
  for (const line of git(['ls-tree', '-r', '-z', '--full-tree', ref, '--', ...roots]).toString('utf8').split('\0')) {
    if (!line) continue;
    const tab = line.indexOf('\t');
    const [, type, oid] = line.slice(0, tab).split(' ');
    if (type === 'blob') out.set(line.slice(tab + 1), oid);
  }
  return out;
}

/** The contents of blobs by id, read with one `git cat-file --batch`. */
export function readBlobs(oids: Iterable<string>): Map<string, string> {
  const list = [...new Set(oids)];
  const out = new Map<string, string>();
  if (list.length === 0) return out;
  const batch = git(['cat-file', '--batch'], list.map((o) => `${o}\n`).join(''));
  let at = 0;
  for (const oid of list) {
    const nl = batch.indexOf(10, at);
    const size = Number(batch.subarray(at, nl).toString('utf8').split(' ')[2]);
    out.set(oid, batch.subarray(nl + 1, nl + 1 + size).toString('utf8'));
    at = nl + 1 + size + 1;
  }
  return out;
}

/** How this clone names a blob of `content` (`git hash-object`), so equal files need not be read. */
export function blobHasher(): (content: string) => string {
  const format = git(['rev-parse', '--show-object-format']).toString('utf8').trim();
  const algorithm = format === 'sha256' ? 'sha256' : 'sha1';
  return (content) => {
    const body = Buffer.from(content, 'utf8');
    return createHash(algorithm).update(`blob ${body.length}\0`).update(body).digest('hex');
  };
}
