import { lstatSync, readFileSync, renameSync, rmdirSync, unlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { LinkFreeAncestors, isWithin, relativePathProblem } from './confined-paths';
import { OutputError, fsStep, makeDirs, reason, showPath } from './output-error';

/** The trees synth owns in the output folder; a journal touches nothing else. */
export const OWNED_TREES: readonly string[] = ['dist', 'argocd'];

export const JOURNAL = 'journal.json';
const VERSION = 2;

/**
 * What a commit does to the output folder, in one journal for all its trees; written before the
 * first change, so that a kill or an error while applying is completed by the next run. Every
 * path is relative to the output folder ('/'-separated) and inside one of the OWNED_TREES.
 */
export interface Journal {
  readonly version: typeof VERSION;
  /** Trees that did not exist: staged whole at `files/<tree>`, renamed into place. */
  readonly creates: readonly string[];
  /** Files (and anything else that is not a folder) of the old trees. */
  readonly removes: readonly string[];
  /** Folders of the old trees the new ones have no file below, deepest first. */
  readonly prunes: readonly string[];
  /** New or changed files, staged at `files/<path>`, renamed over the old ones. */
  readonly puts: readonly string[];
}

export function emptyJournal(): { version: typeof VERSION; creates: string[]; removes: string[]; prunes: string[]; puts: string[] } {
  return { version: VERSION, creates: [], removes: [], prunes: [], puts: [] };
}

/**
 * Reads and checks the journal of a staging folder left by a killed or failed run. Checked whole
 * before anything is applied: a journal synth did not write (planted, or committed by mistake)
 * is refused, and the message says how to recover.
 */
export function readJournal(root: string, staging: string): Journal {
  const file = join(staging, JOURNAL);
  const refuse = (why: string) =>
    new OutputError(
      `${showPath(file)}: ${why}; nothing was changed. This is not a journal synth wrote: look at it, delete the folder ${showPath(staging)}, then run synth again`,
    );
  let data: unknown;
  try {
    const st = lstatSync(file);
    if (!st.isFile()) throw refuse('is not a regular file');
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    if (e instanceof OutputError) throw e;
    throw refuse(e instanceof SyntaxError ? `is not JSON (${e.message})` : `cannot be read (${reason(e)})`);
  }
  const problem = journalProblem(data);
  if (problem) throw refuse(problem);
  const journal = data as Journal;
  const linkProblem = ancestorLinkProblem(root, staging, journal);
  if (linkProblem) throw refuse(linkProblem);
  return journal;
}

/** The first way `data` is not a well-formed journal confined to the owned trees, if any. */
export function journalProblem(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'is not a JSON object';
  const j = data as Record<string, unknown>;
  if (j.version !== VERSION) return `version is ${JSON.stringify(j.version)}, not ${VERSION}`;
  const keys = Object.keys(j).filter((k) => !['version', 'creates', 'removes', 'prunes', 'puts'].includes(k));
  if (keys.length > 0) return `unknown field ${JSON.stringify(keys[0])}`;
  for (const field of ['creates', 'removes', 'prunes', 'puts'] as const) {
    const list = j[field];
    if (!Array.isArray(list)) return `${field} is not a list`;
    for (let i = 0; i < list.length; i++) {
      const path: unknown = list[i];
      const bad = relativePathProblem(path);
      const where = `${field}[${i}] ${JSON.stringify(path)}`;
      if (bad) return `${where} ${bad}`;
      // A created tree is an owned tree or a folder below one; everything else is below a tree.
      const inside = OWNED_TREES.some((t) => (field === 'creates' ? isWithin(path as string, t) : isWithin(path as string, t) && path !== t));
      if (!inside) return `${where} is not a path inside ${OWNED_TREES.map((t) => `${t}/`).join(' or ')} of the output folder`;
    }
  }
  return undefined;
}

/** A symbolic link on the way to a journal's path, on either side (output folder or staging). */
function ancestorLinkProblem(root: string, staging: string, journal: Journal): string | undefined {
  const out = new LinkFreeAncestors(root, showPath(root));
  const staged = new LinkFreeAncestors(staging, showPath(staging));
  try {
    for (const p of [...journal.creates, ...journal.removes, ...journal.prunes, ...journal.puts]) out.check(p);
    for (const p of [...journal.creates, ...journal.puts]) staged.check(`files/${p}`);
    for (const t of journal.creates) staged.kind(`files/${t}`);
    return undefined;
  } catch (e) {
    if (e instanceof OutputError) return e.message;
    throw e;
  }
}

/**
 * Applies `journal` (checked) to the output folder `root` from the staging folder `staging`.
 * Idempotent, so that an interrupted apply can run again from the start. An error names the file
 * and the step, and says that the next run completes it (the journal stays).
 */
export function applyJournal(root: string, staging: string, journal: Journal): void {
  const hint = `; the journal stays in ${showPath(staging)} and the next synth completes this change`;
  const abs = (p: string) => join(root, p);
  for (const rel of journal.removes) {
    const path = abs(rel);
    try {
      unlinkSync(path);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // A folder here was made by this journal's puts, before an interruption (a file became a folder).
      if (code === 'ENOENT' || ((code === 'EISDIR' || code === 'EPERM') && isFolder(path))) continue;
      fsStep('remove', path, () => { throw e; }, hint);
    }
  }
  for (const rel of journal.prunes) {
    const path = abs(rel);
    try {
      rmdirSync(path);
    } catch (e) {
      // Already gone, holds something put there meanwhile, or became a file: left.
      if (!['ENOENT', 'ENOTEMPTY', 'EEXIST', 'ENOTDIR'].includes((e as NodeJS.ErrnoException).code ?? '')) fsStep('remove empty folder', path, () => { throw e; }, hint);
    }
  }
  const made = new Set<string>();
  const move = (rel: string, what: string) => {
    const from = join(staging, 'files', rel);
    const to = abs(rel);
    const parent = dirname(to);
    if (!made.has(parent)) {
      makeDirs(parent);
      made.add(parent);
    }
    try {
      renameSync(from, to);
    } catch (e) {
      // Moved already by the interrupted run: the staged copy is gone and the target is there.
      if ((e as NodeJS.ErrnoException).code === 'ENOENT' && !exists(from) && exists(to)) return;
      fsStep(`move the staged ${what} into`, to, () => { throw e; }, hint);
    }
  };
  try {
    for (const tree of journal.creates) move(tree, 'tree');
    for (const rel of journal.puts) move(rel, 'file');
  } catch (e) {
    if (e instanceof OutputError && !e.message.endsWith(hint)) throw new OutputError(`${e.message}${hint}`);
    throw e;
  }
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

function isFolder(path: string): boolean {
  try {
    return lstatSync(path).isDirectory();
  } catch {
    return false;
  }
}
