import { Dirent, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { LinkFreeAncestors, relativePathProblem, symbolicLinkError } from './confined-paths';
import { OutputError, fsStep, showPath } from './output-error';
import type { Journal } from './journal';
import type { Staging } from './staging';

export interface TreeUpdateStats {
  /** Files written (new or changed). */
  readonly written: number;
  readonly unchanged: number;
  readonly removed: number;
}

/**
 * The new content of one tree of the output folder (`dist`, or `dist/<env>` with --config):
 * files `put` into it are compared with the old tree as they arrive, and only new or changed ones
 * are staged (see Staging); `changes()` says what the commit has to do. Nothing in the tree
 * changes here: OutputTrees applies the changes of all trees through one journal.
 *
 * The cost is the changed files, not the whole tree: at a thousand clusters (31,000 files) writing
 * or removing every file took seconds on the disks measured, comparing them a fraction of it.
 */
export class TreeUpdate {
  private readonly dir: string;
  /** No tree yet: it is staged whole and renamed into place. */
  private readonly fresh: boolean;
  /** Old tree: regular files, other entries that are not folders (replaced, never read), folders. */
  private readonly oldFiles = new Set<string>();
  private readonly oldOther = new Set<string>();
  private readonly oldDirs: string[] = [];
  private readonly files = new Set<string>();
  private readonly dirs = new Set<string>();
  private readonly puts: string[] = [];
  readonly problems: string[] = [];
  private unchanged = 0;

  /** `tree`: a normalized path relative to the output folder `root`, below which `staging` lies. */
  constructor(root: string, readonly tree: string, private readonly staging: Staging) {
    this.dir = join(root, tree);
    // Every folder from the output folder down to the tree must be real: a link here would carry
    // the scan (and so the removals) out of the output folder.
    const ancestors = new LinkFreeAncestors(root, showPath(root));
    ancestors.check(tree);
    const kind = ancestors.kind(tree);
    this.fresh = kind === 'missing';
    if (kind === 'other') throw new OutputError(`${showPath(this.dir)}: is a file, not a folder; synth writes a folder here: move the file away, then run synth again`);
    if (this.fresh) staging.makeTree(tree);
    else {
      const links: string[] = [];
      this.scan('', links);
      if (links.length > 0) throw symbolicLinkError(links, root, showPath(root));
    }
  }

  /** Adds a file of the new tree (a path relative to the tree). */
  put(rel: string, content: string): void {
    const bad = relativePathProblem(rel);
    if (bad) {
      this.problems.push(`${JSON.stringify(rel)}: ${bad}`);
      return;
    }
    if (this.files.has(rel) || this.dirs.has(rel)) {
      this.problems.push(`${rel}: written twice, or as a file and a folder`);
      return;
    }
    for (let d = dirname(rel); d !== '.'; d = dirname(d)) {
      if (this.files.has(d)) {
        this.problems.push(`${rel}: ${d} is already a file`);
        return;
      }
      if (this.dirs.has(d)) break;
      this.dirs.add(d);
    }
    this.files.add(rel);
    if (!this.fresh && this.oldFiles.has(rel) && sameContent(join(this.dir, rel), content)) {
      this.unchanged += 1;
      return;
    }
    this.staging.write(`${this.tree}/${rel}`, content);
    this.puts.push(rel);
  }

  /** This tree's part of the journal (paths relative to the output folder), and its counts. */
  changes(): { journal: Pick<Journal, 'creates' | 'removes' | 'prunes' | 'puts'>; stats: TreeUpdateStats } {
    const prefix = `${this.tree}/`;
    if (this.fresh) return { journal: { creates: [this.tree], removes: [], prunes: [], puts: [] }, stats: { written: this.puts.length, unchanged: 0, removed: 0 } };
    const removes: string[] = [];
    for (const f of this.oldFiles) if (!this.files.has(f)) removes.push(prefix + f);
    for (const f of this.oldOther) if (!this.files.has(f)) removes.push(prefix + f);
    const prunes = this.oldDirs.filter((d) => !this.dirs.has(d)).map((d) => prefix + d);
    return {
      journal: { creates: [], removes, prunes, puts: this.puts.map((p) => prefix + p) },
      stats: { written: this.puts.length, unchanged: this.unchanged, removed: removes.length },
    };
  }

  /** Reads the old tree below `prefix`; symbolic links are collected, never followed. */
  private scan(prefix: string, links: string[]): void {
    const folder = prefix ? join(this.dir, prefix) : this.dir;
    const entries: Dirent[] = fsStep('read folder', folder, () => readdirSync(folder, { withFileTypes: true }));
    for (const e of entries) {
      const rel = prefix ? `${prefix}/${e.name}` : e.name;
      if (e.isDirectory()) {
        this.scan(rel, links);
        this.oldDirs.push(rel); // after its contents: deepest first
      } else if (e.isFile()) this.oldFiles.add(rel);
      else if (e.isSymbolicLink()) links.push(`${this.tree}/${rel}`);
      else this.oldOther.add(rel); // a FIFO, socket or device: replaced, never opened
    }
  }
}

function sameContent(file: string, content: string): boolean {
  try {
    return readFileSync(file, 'utf8') === content;
  } catch {
    return false; // unreadable: replaced
  }
}
