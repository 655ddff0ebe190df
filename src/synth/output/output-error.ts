import { lstatSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** A failure to read or write the output: one line, naming the path and what synth was doing. */
export class OutputError extends Error {}

const REASONS: Readonly<Record<string, string>> = {
  EROFS: 'read-only file system',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'is a folder',
  ENOTEMPTY: 'folder not empty',
  EEXIST: 'already exists',
  ENOENT: 'does not exist',
  EXDEV: 'on another file system than the output folder',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'name too long',
  EMFILE: 'too many open files',
  EIO: 'input/output error',
  EBUSY: 'busy',
};

/** The reason of a file system error in words, or its message when it is not one. */
export function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return (code && REASONS[code]) ?? (code || (e as Error).message);
}

/** A path as one line of a message: quoted when it holds control characters. */
export function showPath(path: string): string {
  return /[\u0000-\u001f\u007f]/.test(path) ? JSON.stringify(path) : path;
}

/** Runs `fn`; a file system error becomes `cannot <action> <path>: <reason><hint>`. */
export function fsStep<T>(action: string, path: string, fn: () => T, hint = ''): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof OutputError || !(e as NodeJS.ErrnoException).code) throw e;
    throw new OutputError(`cannot ${action} ${showPath(path)}: ${reason(e)}${hint}`);
  }
}

/**
 * `mkdir -p`, with an error naming the folder that could not be made. (node's recursive mkdir
 * reports ENOENT for the requested path when an ancestor cannot be made, as on a read-only file
 * system: made one level at a time instead, the first failing level gives the real reason.)
 */
export function makeDirs(dir: string, action = 'create folder'): void {
  try {
    mkdirSync(dir, { recursive: true });
    return;
  } catch {
    // below: find the level that fails
  }
  const missing: string[] = [];
  for (let d = dir; ; d = dirname(d)) {
    try {
      lstatSync(d);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || dirname(d) === d) break;
      missing.push(d);
    }
  }
  for (const d of missing.reverse()) fsStep(action, d, () => mkdirSync(d));
  fsStep(action, dir, () => mkdirSync(dir, { recursive: true }));
}
