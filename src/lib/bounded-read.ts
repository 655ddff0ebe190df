import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/** Why a file could not be read, in a few words: `permission denied` rather than the whole errno text. */
export function readErrorMessage(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'EACCES' || err.code === 'EPERM') return 'cannot be read: permission denied';
  if (err.code === 'ENOENT') return 'cannot be read: it does not exist (or is a dangling link)';
  if (err.code === 'ELOOP') return 'cannot be read: too many levels of symbolic links';
  if (err.code === 'EISDIR') return 'is a folder, not a file';
  if (err.code) return `cannot be read: ${err.code}`;
  return err.message ?? String(e);
}

/**
 * A regular file's text, at most `max` bytes, else an Error with a short message. A folder,
 * device (`/dev/zero`), FIFO or socket is refused after a non-blocking open, before any read:
 * a FIFO would otherwise wait for a writer and a device never end.
 */
export function readRegularFile(path: string, max: number): string {
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw new Error('is a folder, not a file');
    if (!st.isFile()) throw new Error('is not a regular file (a device, FIFO or socket)');
    const tooLarge = () => new Error(`is larger than ${max} bytes (${(max / 1024 / 1024).toFixed(0)} MiB)`);
    if (st.size > max) throw tooLarge();
    // One byte more than allowed, so a file that grew since fstat is caught too.
    const buf = Buffer.alloc(Math.min(st.size, max) + 1);
    let n = 0;
    while (n < buf.length) {
      const r = readSync(fd, buf, n, buf.length - n, null);
      if (r === 0) break;
      n += r;
    }
    if (n > max) throw tooLarge();
    return buf.toString('utf8', 0, n);
  } finally {
    closeSync(fd);
  }
}
