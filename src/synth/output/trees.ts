import { join } from 'node:path';
import { isWithin, relativePathProblem } from './confined-paths';
import { OWNED_TREES, applyJournal, emptyJournal, journalProblem } from './journal';
import { makeDirs, showPath } from './output-error';
import { Staging, recoverInterruptedRuns } from './staging';
import { TreeUpdate, TreeUpdateStats } from './tree-update';

/**
 * The trees of one synth in the output folder `root` (`dist` and `argocd`, or `dist/<env>` and
 * `argocd/<env>`), replaced together, all or nothing:
 * - Nothing in them changes before `commit()`; `abort()` (or a kill) before it leaves them as they were.
 * - Files are compared with the old trees as they arrive; only new or changed ones are staged,
 *   in one staging folder (`.synth.staging-<pid>`); a tree that does not exist yet is staged whole.
 * - `commit()` writes one journal of the changes of every tree, then applies it (removals, then
 *   renames of staged files or whole new trees). A kill or an error while applying is completed
 *   by the next run, before it reads anything: both trees, never one of them.
 * - An unchanged re-synth touches no file and makes no staging folder.
 * The caller holds the output lock (OutputLock) from before `open` until after commit or abort.
 */
export class OutputTrees {
  private closed = false;

  private constructor(private readonly root: string, private readonly staging: Staging, private readonly updates: readonly TreeUpdate[]) {}

  /** Completes or drops what interrupted runs left (see recoverInterruptedRuns), then reads the old trees. */
  static open(root: string, trees: readonly string[]): OutputTrees {
    trees.forEach((t, i) => {
      const owned = relativePathProblem(t) === undefined && OWNED_TREES.some((o) => isWithin(t, o));
      const overlaps = trees.some((u, j) => j !== i && isWithin(t, u));
      if (!owned || overlaps) throw new Error(`output tree "${t}": must be one of ${OWNED_TREES.join(', ')} or a folder below one, and not overlap another`);
    });
    makeDirs(root, 'create the output folder');
    recoverInterruptedRuns(root);
    const staging = new Staging(root);
    const updates: TreeUpdate[] = [];
    try {
      for (const t of trees) updates.push(new TreeUpdate(root, t, staging));
    } catch (e) {
      staging.remove();
      throw e;
    }
    return new OutputTrees(root, staging, updates);
  }

  /** Adds a file to tree number `tree` (`rel` relative to that tree). */
  put(tree: number, rel: string, content: string): void {
    if (this.closed) throw new Error(`${showPath(this.root)}: put after commit or abort`);
    this.updates[tree].put(rel, content);
  }

  /** Makes the new trees current; the statistics per tree. Throws (after an abort) when the puts conflicted. */
  commit(): TreeUpdateStats[] {
    if (this.closed) throw new Error(`${showPath(this.root)}: commit after commit or abort`);
    const problems = this.updates.flatMap((u) => u.problems.map((p) => `${showPath(join(this.root, u.tree))}: ${p}`));
    if (problems.length > 0) {
      this.abort();
      throw new Error(problems.join('; '));
    }
    this.closed = true;
    const journal = emptyJournal();
    const stats: TreeUpdateStats[] = [];
    for (const u of this.updates) {
      const changes = u.changes();
      stats.push(changes.stats);
      // Loops, not push(...list): a spread of 100,000 arguments overflows the stack.
      for (const p of changes.journal.creates) journal.creates.push(p);
      for (const p of changes.journal.removes) journal.removes.push(p);
      for (const p of changes.journal.prunes) journal.prunes.push(p);
      for (const p of changes.journal.puts) journal.puts.push(p);
    }
    let written = false;
    try {
      if (journal.creates.length + journal.removes.length + journal.prunes.length + journal.puts.length > 0) {
        // The same check as a journal read back from disk gets (a wrong path here is a bug in synth).
        const problem = journalProblem(journal);
        if (problem) throw new Error(`synth made a journal it would refuse: ${problem}`);
        this.staging.writeJournal(journal);
        written = true;
        applyJournal(this.root, this.staging.dir, journal);
      }
      this.staging.remove();
    } catch (e) {
      // Before the journal: nothing changed. After it: the journal stays, the next run completes it.
      if (!written) this.dropStaging();
      throw e;
    }
    return stats;
  }

  /** Drops everything put; the trees stay as they were. */
  abort(): void {
    this.closed = true;
    this.dropStaging();
  }

  private dropStaging(): void {
    try {
      this.staging.remove();
    } catch {
      // best effort: the next run drops a staging folder without a journal
    }
  }
}
