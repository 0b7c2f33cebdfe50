import { readdirSync, readFile as readFileCallback, readFileSync, type Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import type { SourceFile } from './buildSite.js';

// Folders that are never docs source, so a build from a repository root does not read them.
const SKIP = new Set(['node_modules', '.git', 'site', 'dist']);

// The callback readFile: on Node 20 fs/promises' readFile (a FileHandle per file) took 6–7 ms for the
// benchmark's 100 pages against 2–3 ms.
const readFile = promisify(readFileCallback);

/**
 * The files of a local folder as builder input (symlinks are not followed, so nothing outside is read).
 * `blocking` reads the folders and files synchronously, for a process with nothing else to do (the
 * CLI): each asynchronous read is a round trip to libuv's threads, and a fresh `atrium docs build` of
 * the 100-page bench site sat idle ~15 ms waiting for them (ADR 0010).
 */
export async function readLocalSource(root: string, options: { blocking?: boolean } = {}): Promise<SourceFile[]> {
  const out: SourceFile[] = [];
  const list = options.blocking ? (dir: string) => readdirSync(dir, { withFileTypes: true }) : (dir: string) => readdir(dir, { withFileTypes: true });
  const read = options.blocking ? (file: string) => Promise.resolve(readFileSync(file)) : readFile;
  const walk = async (dir: string) => {
    for (const e of (await list(dir)) as Dirent[]) {
      const full = join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP.has(e.name)) await walk(full);
      } else if (e.isFile()) {
        out.push({ path: relative(root, full).split(sep).join('/'), content: () => read(full) });
      }
    }
  };
  await walk(root);
  return out;
}
