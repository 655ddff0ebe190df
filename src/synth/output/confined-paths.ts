import { lstatSync, readlinkSync } from 'node:fs';
import { OutputError, reason, showPath } from './output-error';

const WINDOWS = process.platform === 'win32';

/** Matches any path that is not a normalized relative one: an empty, `.` or `..` segment, or NUL. */
const NOT_NORMALIZED = /(?:^|\/)\.{0,2}(?:\/|$)|\0/;

/**
 * Why `path` is not a normalized relative path ('/'-separated; no empty, `.` or `..` segment;
 * no NUL), or undefined when it is one. Such a path, joined to a folder, stays below it.
 * Called for every file synth writes: one regular expression in the usual case.
 */
export function relativePathProblem(path: unknown): string | undefined {
  if (typeof path !== 'string') return 'is not a string';
  // On Windows, `\` separates too (`..\x` would climb), and `C:` starts an absolute path.
  const windowsProblem = WINDOWS && /[\\:]/.test(path) ? 'holds a backslash or a colon' : undefined;
  if (!NOT_NORMALIZED.test(path)) return windowsProblem;
  if (path === '' || path === '.' || path === '..' || path.startsWith('../')) return 'is not a path below the folder';
  if (path.startsWith('/')) return 'is an absolute path';
  if (path.includes('\0')) return 'holds a NUL character';
  return 'is not normalized (empty, "." or ".." segments)';
}

/** `path` is `tree` or below it (both normalized relative paths). */
export function isWithin(path: string, tree: string): boolean {
  return path === tree || (path.startsWith(tree) && path.charCodeAt(tree.length) === 47 /* / */);
}

/**
 * Checks that no folder on the way from `base` to a path below it is a symbolic link (the links
 * are what would carry a rename or removal out of `base`). Folders already seen are remembered,
 * so checking every path of a tree costs one lstat per folder, not per file.
 */
export class LinkFreeAncestors {
  /** Relative folder -> it exists as a real folder (true) or not at all, or is a file (false). */
  private readonly seen = new Map<string, boolean>();

  /** `label` names `base` in messages (e.g. the output folder). */
  constructor(private readonly base: string, private readonly label: string) {}

  /** Throws when a folder above `rel` (not `rel` itself) is a symbolic link. */
  check(rel: string): void {
    for (let i = rel.indexOf('/'); i !== -1; i = rel.indexOf('/', i + 1)) {
      const dir = rel.slice(0, i);
      const known = this.seen.get(dir);
      if (known === false) return; // missing (made later by synth) or a file (nothing below it)
      if (known === true) continue;
      const folder = this.kind(dir) === 'folder';
      this.seen.set(dir, folder);
      if (!folder) return;
    }
  }

  /** Throws when `rel` itself is a symbolic link; else says what it is. */
  kind(rel: string): 'folder' | 'missing' | 'other' {
    const path = `${this.base}/${rel}`;
    try {
      const st = lstatSync(path);
      if (st.isSymbolicLink()) throw symbolicLinkError([rel], this.base, this.label);
      return st.isDirectory() ? 'folder' : 'other';
    } catch (e) {
      if (e instanceof OutputError) throw e;
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
      throw new OutputError(`cannot inspect ${showPath(path)}: ${reason(e)}`);
    }
  }
}

/** One line for symbolic links found where synth writes; `rels` relative to `base`. */
export function symbolicLinkError(rels: readonly string[], base: string, label: string): OutputError {
  const target = (rel: string) => {
    try {
      return ` (to ${showPath(readlinkSync(`${base}/${rel}`))})`;
    } catch {
      return '';
    }
  };
  const shown = [...rels].sort().slice(0, 3).map((r) => `${showPath(r)}${target(r)}`);
  const more = rels.length > 3 ? ` and ${rels.length - 3} more` : '';
  const what = rels.length === 1 ? 'is a symbolic link' : 'are symbolic links';
  return new OutputError(
    `${label}: ${shown.join(', ')}${more} ${what}; synth does not write, move or remove through links: replace ${rels.length === 1 ? 'it' : 'each'} with a real folder (or delete it), then run synth again`,
  );
}
