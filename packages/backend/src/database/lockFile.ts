import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../api/errors.js';

const LOCK_FILE_NAME = '.atrium.lock';

/**
 * PGlite does not lock its data folder, and two processes writing one folder corrupt it. This takes an
 * exclusive lock file holding our pid; a lock left behind by a process that no longer runs is taken over.
 * Returns the function that releases it.
 */
export function acquireFolderLock(dir: string): () => void {
  const lockPath = path.join(dir, LOCK_FILE_NAME);
  // Two attempts: the second one follows the removal of a stale lock.
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      return () => releaseFolderLock(lockPath);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = readLockOwner(lockPath);
    if (owner === undefined && isFreshFile(lockPath)) {
      // Another process created the file a moment ago and has not written its pid yet.
      throw new ConfigError(
        `The embedded database folder ${dir} is being opened by another Atrium process. ` +
          'Stop it, or set backend.database.connection to another folder.',
      );
    }
    if (owner !== undefined && isProcessAlive(owner)) {
      throw new ConfigError(
        `The embedded database folder ${dir} is in use by another Atrium process (pid ${owner}). ` +
          'Stop it, or set backend.database.connection to another folder.',
      );
    }
    // Stale (its process is gone) or unreadable (a crash while writing it): safe to take over.
    fs.rmSync(lockPath, { force: true });
  }
  throw new ConfigError(`Could not lock the embedded database folder ${dir}: another process keeps taking the lock.`);
}

function releaseFolderLock(lockPath: string): void {
  // Only remove the lock if it is still ours, so a takeover by another process is never undone.
  if (readLockOwner(lockPath) === process.pid) fs.rmSync(lockPath, { force: true });
}

function readLockOwner(lockPath: string): number | undefined {
  try {
    const pid = Number.parseInt(fs.readFileSync(lockPath, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isFreshFile(filePath: string): boolean {
  try {
    return Date.now() - fs.statSync(filePath).mtimeMs < 2000;
  } catch {
    return false;
  }
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
