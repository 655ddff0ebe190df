import { closeSync, fstatSync, linkSync, lstatSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { OutputError, makeDirs, reason, showPath } from './output-error';

/** The lock file in the output folder (ignored by git, see .gitignore). */
export const LOCK_FILE = '.synth.lock';

/** Who holds the lock, as written in the lock file. */
export interface LockOwner {
  readonly pid: number;
  readonly host: string;
  /** When the owner took the lock (ISO 8601). */
  readonly started: string;
}

/** A lock file that is not (yet) readable as an owner is the creator's for this long. */
const UNREADABLE_GRACE_MS = 10_000;

/**
 * One writer at a time per output folder: the lock file `<root>/.synth.lock`, created atomically
 * (O_CREAT|O_EXCL, node's 'wx'), holds its owner's pid, host and start time. A lock whose owner
 * is not alive (same host, pid gone) is stale and taken over; any other lock is waited for, up to
 * a bound, then reported with its owner. Synth takes it before it reads the output folder (the
 * comparison with the old trees must stay true until the commit) and releases it after.
 */
export class OutputLock {
  private released = false;

  private constructor(readonly path: string, private readonly ino: number) {}

  /** Takes the lock of `root` (made if missing), waiting up to `waitMs` for a live owner; `onWait` once when it starts waiting. */
  static async acquire(root: string, options: { readonly waitMs: number; readonly onWait?: (owner: LockOwner) => void }): Promise<OutputLock> {
    makeDirs(root, 'create the output folder');
    const path = join(root, LOCK_FILE);
    const deadline = Date.now() + options.waitMs;
    let waited = false;
    for (let pause = 10; ; pause = Math.min(pause * 2, 200)) {
      const ino = tryCreate(path);
      if (ino !== undefined) return new OutputLock(path, ino);
      const held = readLock(path);
      if (held === 'gone') continue;
      if (isStale(held)) {
        breakStale(path, held.ino);
        continue;
      }
      const owner = held.owner;
      if (Date.now() >= deadline) {
        const who = owner ? `pid ${owner.pid}${owner.host === hostname() ? '' : ` on ${owner.host}`} (since ${owner.started})` : 'another process (lock file not readable)';
        throw new OutputError(
          `output is being written by ${who}: waited ${Math.round(options.waitMs / 1000)} s for ${showPath(path)}; try again when it is done (--wait SECONDS waits longer), or, if no synth is running, delete that file`,
        );
      }
      if (!waited && owner) {
        options.onWait?.(owner);
        waited = true;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(pause, Math.max(1, deadline - Date.now()))));
    }
  }

  /**
   * Removes the lock file, if it is still this run's. Never throws: it runs after the run's own
   * result or error, which it must not hide, and a lock left behind is stale once this process ends.
   */
  release(): void {
    if (this.released) return;
    this.released = true;
    try {
      const held = readLock(this.path);
      if (held !== 'gone' && held.ino === this.ino && held.owner?.pid === process.pid) unlinkSync(this.path);
    } catch {
      // left: the next run takes it over (its owner's pid is gone by then)
    }
  }
}

/** Creates the lock file with this process as owner; its inode, or undefined when it exists. */
function tryCreate(path: string): number | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o644);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
    throw new OutputError(`cannot create lock file ${showPath(path)}: ${reason(e)}`);
  }
  try {
    const owner: LockOwner = { pid: process.pid, host: hostname(), started: new Date().toISOString() };
    writeSync(fd, `${JSON.stringify(owner)}\n`);
    return fstatSync(fd).ino;
  } catch (e) {
    closeSync(fd);
    fd = -1;
    try {
      unlinkSync(path);
    } catch {
      // nothing to undo
    }
    throw new OutputError(`cannot write lock file ${showPath(path)}: ${reason(e)}`);
  } finally {
    if (fd !== -1) closeSync(fd);
  }
}

interface HeldLock {
  readonly ino: number;
  readonly mtimeMs: number;
  /** Undefined while the creator has not written it yet (or it is not a lock file synth writes). */
  readonly owner?: LockOwner;
}

function readLock(path: string): HeldLock | 'gone' {
  let ino: number;
  let mtimeMs: number;
  let text: string;
  try {
    ({ ino, mtimeMs } = lstatSync(path));
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw new OutputError(`cannot read lock file ${showPath(path)}: ${reason(e)}`);
  }
  try {
    const data = JSON.parse(text) as Partial<LockOwner>;
    if (Number.isSafeInteger(data.pid) && (data.pid as number) > 0 && typeof data.host === 'string' && typeof data.started === 'string') {
      return { ino, mtimeMs, owner: { pid: data.pid as number, host: data.host, started: data.started } };
    }
  } catch {
    // not written yet, or not a lock file synth writes
  }
  return { ino, mtimeMs };
}

/** A lock of this host whose pid is gone, or one that stayed unreadable past the grace period. */
function isStale(held: HeldLock): boolean {
  if (!held.owner) return Date.now() - held.mtimeMs > UNREADABLE_GRACE_MS;
  // Another host's pids cannot be checked from here: its lock is waited for, never broken.
  return held.owner.host === hostname() && !alive(held.owner.pid);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // alive, another user's
  }
}

/**
 * Removes the stale lock with inode `ino`: renamed aside first, so that two runs breaking it at
 * once cannot remove a lock one of them has just taken (the one aside is checked, and put back
 * when it is not the stale one).
 */
function breakStale(path: string, ino: number): void {
  const aside = `${path}.stale-${process.pid}`;
  try {
    renameSync(path, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return; // broken by another run
    throw new OutputError(`cannot take over stale lock file ${showPath(path)}: ${reason(e)}`);
  }
  if (lstatSync(aside).ino !== ino) {
    try {
      linkSync(aside, path);
    } catch {
      // a third run took the lock meanwhile: it keeps it
    }
  }
  unlinkSync(aside);
}
