import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { LOCK_FILE, LockOwner, OutputLock } from '../../src/synth/output/output-lock';
import { tempDir } from '../temp-dir';

const root = () => tempDir('lock-');

/** The pid of a process that has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', '0']);
  expect(r.status).toBe(0);
  return r.pid!;
}

describe('OutputLock', () => {
  test('the lock file holds the owner (pid, host, start) and is removed on release', async () => {
    const dir = root();
    const lock = await OutputLock.acquire(dir, { waitMs: 0 });
    const owner = JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')) as LockOwner;
    expect(owner).toEqual({ pid: process.pid, host: hostname(), started: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    lock.release();
    expect(readdirSync(dir)).toEqual([]);
  });

  test('a live owner is waited for, then reported by pid; its lock stays', async () => {
    const dir = root();
    const held = await OutputLock.acquire(dir, { waitMs: 0 });
    const waits: LockOwner[] = [];
    await expect(OutputLock.acquire(dir, { waitMs: 300, onWait: (o) => waits.push(o) })).rejects.toThrow(
      `output is being written by pid ${process.pid} (since `,
    );
    expect(waits.map((o) => o.pid)).toEqual([process.pid]);
    expect(existsSync(join(dir, LOCK_FILE))).toBe(true);
    held.release();
  });

  test('the message says how long it waited and how to recover', async () => {
    const dir = root();
    const held = await OutputLock.acquire(dir, { waitMs: 0 });
    await expect(OutputLock.acquire(dir, { waitMs: 0 })).rejects.toThrow(
      new RegExp(`: waited 0 s for ${join(dir, LOCK_FILE)}; try again when it is done \\(--wait SECONDS waits longer\\), or, if no synth is running, delete that file$`),
    );
    held.release();
  });

  test('a waiter gets the lock once the owner releases it', async () => {
    const dir = root();
    const held = await OutputLock.acquire(dir, { waitMs: 0 });
    setTimeout(() => held.release(), 100);
    const second = await OutputLock.acquire(dir, { waitMs: 5000 });
    expect((JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')) as LockOwner).pid).toBe(process.pid);
    second.release();
    expect(readdirSync(dir)).toEqual([]);
  });

  test('a lock whose owner is gone (same host) is taken over at once', async () => {
    const dir = root();
    const pid = deadPid();
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid, host: hostname(), started: '2026-01-01T00:00:00.000Z' }));
    const waits: LockOwner[] = [];
    const lock = await OutputLock.acquire(dir, { waitMs: 0, onWait: (o) => waits.push(o) });
    expect(waits).toEqual([]);
    expect((JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')) as LockOwner).pid).toBe(process.pid);
    lock.release();
    expect(readdirSync(dir)).toEqual([]);
  });

  test("another host's lock is never broken (its pids cannot be checked here)", async () => {
    const dir = root();
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: deadPid(), host: 'other-host.example', started: '2026-01-01T00:00:00.000Z' }));
    await expect(OutputLock.acquire(dir, { waitMs: 50 })).rejects.toThrow(/^output is being written by pid \d+ on other-host\.example \(since 2026-01-01T00:00:00\.000Z\)/);
    expect(existsSync(join(dir, LOCK_FILE))).toBe(true);
  });

  test('an unreadable lock file is its creator\'s for a grace period, then stale', async () => {
    const dir = root();
    writeFileSync(join(dir, LOCK_FILE), '');
    await expect(OutputLock.acquire(dir, { waitMs: 50 })).rejects.toThrow('output is being written by another process (lock file not readable)');
    const past = new Date(Date.now() - 60_000);
    utimesSync(join(dir, LOCK_FILE), past, past);
    (await OutputLock.acquire(dir, { waitMs: 0 })).release();
    expect(readdirSync(dir)).toEqual([]);
  });

  test('release leaves a lock file that is no longer this run\'s', async () => {
    const dir = root();
    const lock = await OutputLock.acquire(dir, { waitMs: 0 });
    const other = JSON.stringify({ pid: 1, host: hostname(), started: '2026-01-01T00:00:00.000Z' });
    writeFileSync(join(dir, `${LOCK_FILE}.new`), other);
    require('node:fs').renameSync(join(dir, `${LOCK_FILE}.new`), join(dir, LOCK_FILE));
    lock.release();
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toBe(other);
  });

  test('an output folder that cannot be made: one line naming it', async () => {
    const dir = root();
    writeFileSync(join(dir, 'file'), '');
    await expect(OutputLock.acquire(join(dir, 'file/out'), { waitMs: 0 })).rejects.toThrow(`cannot create the output folder ${join(dir, 'file/out')}: a part of the path is a file, not a folder`);
  });
});
