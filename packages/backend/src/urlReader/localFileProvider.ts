import { readFile, realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import picomatch from 'picomatch';
import { InputError, NotAllowedError, NotFoundError, NotModifiedError } from '../api/errors.js';
import type { Config, ReadTreeOptions, ReadUrlOptions, UrlReaderProvider } from '../api/services.js';
import { bufferResponse, hashTree, listFiles, sha256, treeResponse, type FolderFile } from './folderTree.js';
import { splitGlob } from './urlUtils.js';

export interface LocalFileProviderOptions {
  /** Folders that may be read; relative ones resolve against process.cwd(). */
  roots: string[];
}

/** Roots from `backend.reading.localRoots` (none configured: every file URL is refused). */
export function localFileProviderFromConfig(config: Config): UrlReaderProvider {
  return createLocalFileProvider({ roots: config.getOptionalStringArray('backend.reading.localRoots') ?? [] });
}

/**
 * Reads `file:` URLs under configured roots. The provider claims every file URL so that a refusal
 * names the right config key; containment is checked on the real path (after `..` and symlinks).
 */
export function createLocalFileProvider(options: LocalFileProviderOptions): UrlReaderProvider {
  const roots = options.roots.map((root) => resolve(root));

  async function realRoots(): Promise<string[]> {
    const out: string[] = [];
    for (const root of roots) out.push(await realpath(root).catch(() => root));
    return out;
  }

  const refuse = (url: URL) =>
    new NotAllowedError(`Reading ${url.href} is not allowed: it is outside backend.reading.localRoots (add a folder containing it there)`);

  /** The real path of `url`'s file, or NotAllowed when it (or the link it goes through) leaves every root. */
  async function checkedPath(url: URL, lexicalPath = fileURLToPath(url)): Promise<string> {
    const lexical = resolve(lexicalPath);
    const real = await realRoots();
    if (![...roots, ...real].some((root) => isInside(lexical, root))) throw refuse(url);
    let target: string;
    try {
      target = await realpath(lexical);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      // Report "not found" only when the part that does exist is inside a root; otherwise a
      // symlink inside a root could be used to probe for files elsewhere.
      const ancestor = await existingAncestor(lexical);
      if (!real.some((root) => isInside(ancestor, root))) throw refuse(url);
      throw new NotFoundError(`${url.href} was not found`);
    }
    if (!real.some((root) => isInside(target, root))) throw refuse(url);
    return target;
  }

  async function resolveSymlinkInTree(absPath: string): Promise<string | undefined> {
    const target = await realpath(absPath).catch(() => undefined);
    if (!target || !(await realRoots()).some((root) => isInside(target, root))) return undefined;
    return (await stat(target)).isFile() ? target : undefined;
  }

  async function readFolder(url: URL, path: string, etag?: string): Promise<{ files: FolderFile[]; etag: string }> {
    const folder = await checkedPath(url, path);
    if (!(await stat(folder)).isDirectory()) throw new InputError(`${url.href} is a file, not a folder`);
    const files = await listFiles(folder, { resolveSymlink: resolveSymlinkInTree });
    const treeEtag = await hashTree(files);
    if (etag === treeEtag) throw new NotModifiedError(`${url.href} is unchanged`);
    return { files, etag: treeEtag };
  }

  return {
    name: 'local-files',
    canRead: (url) => url.protocol === 'file:',

    async readUrl(url: URL, readOptions?: ReadUrlOptions) {
      const path = await checkedPath(url);
      const info = await stat(path);
      if (info.isDirectory()) throw new InputError(`${url.href} is a folder; use readTree`);
      const buffer = await readFile(path);
      const etag = sha256(buffer);
      if (readOptions?.etag === etag) throw new NotModifiedError(`${url.href} is unchanged`);
      return bufferResponse(buffer, etag, info.mtime);
    },

    async readTree(url: URL, treeOptions?: ReadTreeOptions) {
      const { files, etag } = await readFolder(url, fileURLToPath(url), treeOptions?.etag);
      return treeResponse(etag, files, treeOptions?.filter);
    },

    async search(url: URL, searchOptions?: ReadUrlOptions) {
      const globPath = fileURLToPath(url);
      const { base, hasGlob } = splitGlob(globPath);
      if (!hasGlob) {
        // A literal path: the file itself when it exists, else nothing (like Backstage's readers).
        const path = await checkedPath(url).catch((error) => {
          if (error instanceof NotFoundError) return undefined;
          throw error;
        });
        if (!path || !(await stat(path)).isFile()) return { etag: '', files: [] };
        const files = [{ path: '', absPath: path }];
        return { etag: await hashTree(files), files: [{ url: url.href, content: () => readFile(path) }] };
      }
      const baseFolder = base === '' ? '/' : base;
      let listing: { files: FolderFile[] };
      try {
        listing = await readFolder(pathToFileURL(baseFolder), baseFolder);
      } catch (error) {
        if (error instanceof NotFoundError) return { etag: '', files: [] };
        if (error instanceof NotAllowedError) throw refuse(url);
        throw error;
      }
      const isMatch = picomatch(relative(baseFolder, globPath).split('\\').join('/'), { dot: true });
      const matched = listing.files.filter((file) => isMatch(file.path));
      const etag = await hashTree(matched);
      if (searchOptions?.etag === etag) throw new NotModifiedError(`${url.href} is unchanged`);
      return {
        etag,
        files: matched.map((file) => ({
          url: pathToFileURL(join(baseFolder, ...file.path.split('/'))).href,
          content: () => readFile(file.absPath),
        })),
      };
    },
  };
}

function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

async function existingAncestor(path: string): Promise<string> {
  let current = dirname(path);
  for (;;) {
    const real = await realpath(current).catch(() => undefined);
    if (real) return real;
    const parent = dirname(current);
    if (parent === current) return current;
    current = parent;
  }
}
