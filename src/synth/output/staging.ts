import { lstatSync, mkdirSync, readdirSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fsStep } from './output-error';
import { JOURNAL, applyJournal, readJournal } from './journal';

/** Staging folders in the output folder: `.synth.staging-<pid>` (ignored by git, see .gitignore). */
export const STAGING_PREFIX = '.synth.staging-';
const STAGING_NAME = /^\.synth\.staging-\d+$/;

/**
 * The one staging folder of a run, `<root>/.synth.staging-<pid>/`: the new or changed files of
 * every tree under `files/<path relative to root>`, and, once everything is staged, the journal.
 * It is made on first use (an unchanged re-synth makes none), as a new folder: never one that was
 * already there, so nothing planted under that name is written into.
 */
export class Staging {
  readonly dir: string;
  private readonly made = new Set<string>();
  private created = false;

  constructor(readonly root: string) {
    this.dir = join(root, `${STAGING_PREFIX}${process.pid}`);
  }

  /** Stages `content` as the file `path` (relative to the output folder). */
  write(path: string, content: string): void {
    const target = join(this.dir, 'files', path);
    const sub = dirname(target);
    if (!this.made.has(sub)) {
      this.create();
      fsStep('create staging folder', sub, () => mkdirSync(sub, { recursive: true }));
      this.made.add(sub);
    }
    fsStep('write staged file', target, () => writeFileSync(target, content));
  }

  /** Makes `files/<tree>` for a tree that does not exist yet (an empty tree still yields its folder). */
  makeTree(tree: string): void {
    const target = join(this.dir, 'files', tree);
    this.create();
    fsStep('create staging folder', target, () => mkdirSync(target, { recursive: true }));
    this.made.add(target);
  }

  get exists(): boolean {
    return this.created;
  }

  /** Writes the journal (renamed into place: a kill leaves it whole or absent). */
  writeJournal(data: unknown): void {
    this.create();
    const tmp = join(this.dir, `${JOURNAL}.tmp`);
    fsStep('write journal', tmp, () => writeFileSync(tmp, JSON.stringify(data)));
    fsStep('write journal', join(this.dir, JOURNAL), () => renameSync(tmp, join(this.dir, JOURNAL)));
  }

  remove(): void {
    if (!this.created) return;
    fsStep('remove staging folder', this.dir, () => rmSync(this.dir, { recursive: true, force: true }));
    this.created = false;
    this.made.clear();
  }

  private create(): void {
    if (this.created) return;
    // Not recursive: fails if the folder exists (recoverInterruptedRuns removed any leftover).
    fsStep('create staging folder', this.dir, () => mkdirSync(this.dir));
    this.created = true;
  }
}

/**
 * Leftovers of killed or failed runs in the output folder (the caller holds the output lock, so
 * no other run is writing): a staging folder with a journal was stopped while applying it, and
 * the journal is checked, then completed; one without is dropped. Anything under a staging name
 * that is not a real folder (a link, a file) is removed itself, never followed.
 */
export function recoverInterruptedRuns(root: string): void {
  let names: string[];
  try {
    names = readdirSync(root).filter((f) => STAGING_NAME.test(f));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    return fsStep('read folder', root, () => { throw e; });
  }
  for (const name of names.sort()) {
    const path = join(root, name);
    const st = fsStep('inspect', path, () => lstatSync(path));
    if (!st.isDirectory()) {
      fsStep('remove', path, () => unlinkSync(path));
      continue;
    }
    let hasJournal = true;
    try {
      lstatSync(join(path, JOURNAL));
    } catch {
      hasJournal = false;
    }
    if (hasJournal) applyJournal(root, path, readJournal(root, path));
    fsStep('remove staging folder', path, () => rmSync(path, { recursive: true, force: true }));
  }
}

