import { createHash } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import type { ReadTreeFile, ReadTreeResponse, ReadUrlResponse } from '../api/services.js';

/**
 * Reading plain folders, shared by the local-file provider and the git provider (which materialises
 * each commit as a plain folder in its cache).
 */
export interface FolderFile {
  /** Relative to the listed folder, forward slashes. */
  path: string;
  /** Where the bytes are read from (the symlink target for an allowed symlink). */
  absPath: string;
}

export interface ListFilesOptions {
  /**
   * Decides about a symlink found in the tree: return the real path of a file that may be read, or
   * undefined to skip it. Without it, symlinks are skipped. Symlinked folders are always skipped so a
   * link cannot create a cycle or pull in a whole foreign tree.
   */
  resolveSymlink?(absPath: string): Promise<string | undefined>;
  /** Skip these folder names anywhere (e.g. `.git`). */
  skipFolders?: string[];
}

export async function listFiles(root: string, options: ListFilesOptions = {}): Promise<FolderFile[]> {
  const out: FolderFile[] = [];
  const skip = new Set(options.skipFolders ?? []);
  async function visit(dir: string) {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const entry of entries) {
      const absPath = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!skip.has(entry.name)) await visit(absPath);
      } else if (entry.isFile()) {
        out.push({ path: toPosix(relative(root, absPath)), absPath });
      } else if (entry.isSymbolicLink() && options.resolveSymlink) {
        const target = await options.resolveSymlink(absPath);
        if (target) out.push({ path: toPosix(relative(root, absPath)), absPath: target });
      }
    }
  }
  await visit(root);
  // A stable order makes tree hashes and listings deterministic.
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A content hash of a whole tree: changes when any file's path or bytes change. */
export async function hashTree(files: FolderFile[]): Promise<string> {
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(file.path).update('\0').update(sha256(await readFile(file.absPath))).update('\n');
  }
  return hash.digest('hex');
}

export function bufferResponse(buffer: Buffer, etag: string, lastModifiedAt?: Date): ReadUrlResponse {
  return {
    etag,
    ...(lastModifiedAt && { lastModifiedAt }),
    buffer: async () => buffer,
    text: async () => buffer.toString('utf8'),
  };
}

export function treeResponse(etag: string, files: FolderFile[], filter?: (path: string) => boolean): ReadTreeResponse {
  const kept = filter ? files.filter((file) => filter(file.path)) : files;
  return {
    etag,
    files: async (): Promise<ReadTreeFile[]> =>
      kept.map((file) => ({ path: file.path, content: () => readFile(file.absPath) })),
    async dir(options) {
      const target = options?.targetDir ?? (await mkdtemp(join(tmpdir(), 'atrium-tree-')));
      for (const file of kept) {
        const destination = join(target, ...file.path.split('/'));
        await mkdir(dirname(destination), { recursive: true });
        await copyFile(file.absPath, destination);
      }
      return target;
    },
  };
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}
