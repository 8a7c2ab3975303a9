/**
 * A short-lived lock file (pid inside, created with O_EXCL) that serialises the decisions about one
 * embedded PostgreSQL between processes — start or reuse, hand over or stop — so two processes never
 * both start it, nor one stops it while another is adopting it. A lock left by a dead process is taken
 * over; a live holder is waited for.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';

const WAIT_MS = 50;

/** Whether a process with that id exists (EPERM: it exists but belongs to another user). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function tryAcquire(file: string): boolean {
  try {
    const fd = openSync(file, 'wx', 0o600);
    writeSync(fd, String(process.pid));
    closeSync(fd);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  let holder = NaN;
  try {
    holder = Number(readFileSync(file, 'utf8').trim());
  } catch {
    return false; // removed meanwhile: try again
  }
  // An empty file is a holder between creating and writing it; only a dead holder's lock is taken over.
  if (Number.isInteger(holder) && holder > 0 && !isAlive(holder)) rmSync(file, { force: true });
  return false;
}

/** Runs fn holding the lock file; waits up to timeoutMs for another live holder. */
export async function withFileLock<T>(file: string, timeoutMs: number, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (!tryAcquire(file)) {
    if (Date.now() > deadline) {
      throw new Error(`${file} is held by another process for more than ${timeoutMs / 1000} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, WAIT_MS));
  }
  try {
    return await fn();
  } finally {
    rmSync(file, { force: true });
  }
}
