/**
 * A loose ref is a file below .git/refs, and file systems cap a name at 255 bytes (NAME_MAX):
 * no branch or tag a server stores can be longer. Commits are 40 (SHA-1) or 64 (SHA-256) hex digits.
 */
export const MAX_GIT_REVISION_BYTES = 255;

/**
 * Why `revision` is not a branch, tag or commit Argo CD can check out, or undefined when it is.
 * The rules are git's for ref names (git-check-ref-format(1), git/git refs.c
 * check_refname_component), with its `--branch` rule that a name never starts with '-', checked
 * against git itself in test/config/grammar.test.ts. A commit hash is a valid ref name anyway;
 * `HEAD` (Argo CD: the default branch) too.
 */
export function gitRevisionProblem(revision: string): string | undefined {
  if (revision.length === 0) return 'must not be empty';
  // The length first: nothing else reads a 50 MB value.
  if (revision.length > MAX_GIT_REVISION_BYTES) return `must be at most ${MAX_GIT_REVISION_BYTES} bytes (a git ref is a file name), got ${revision.length} characters`;
  const bytes = Buffer.byteLength(revision);
  if (bytes > MAX_GIT_REVISION_BYTES) return `must be at most ${MAX_GIT_REVISION_BYTES} bytes (a git ref is a file name), got ${bytes}`;
  // eslint-disable-next-line no-control-regex
  const bad = /[\u0000-\u0020\u007f~^:?*[\\]/.exec(revision);
  if (bad) {
    const c = bad[0];
    const shown = c <= ' ' || c === '\u007f' ? `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : `'${c}'`;
    return `must not contain ${shown} (position ${bad.index + 1}): git ref names exclude spaces, control characters and ~ ^ : ? * [ \\`;
  }
  if (revision.startsWith('-')) return "must not start with '-' (git would read it as an option)";
  if (revision === '@') return "must not be '@' alone (git reads it as HEAD of the local clone)";
  if (revision.includes('..')) return "must not contain '..' (git reads it as a range)";
  if (revision.includes('@{')) return "must not contain '@{' (git reads it as a reflog entry)";
  if (revision.startsWith('/') || revision.endsWith('/') || revision.includes('//')) return "must not start or end with '/' or contain '//'";
  if (revision.endsWith('.')) return "must not end with '.'";
  for (const component of revision.split('/')) {
    if (component.startsWith('.')) return "no '/'-separated part may start with '.'";
    if (component.endsWith('.lock')) return "no '/'-separated part may end with '.lock' (git's lock files)";
  }
  return undefined;
}
