import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { InputError, NotAllowedError, NotFoundError, type UrlReaderService } from '@atrium/backend';
import { isSafeRelativePath } from './safePath.js';

export interface SourceFile { path: string; content: Buffer; executable?: boolean }

/** Where a template's own files (`./skeleton`) come from for one run. */
export interface TemplateSource {
  /** Every file under `url` (relative to the template, or absolute), paths relative to that folder. */
  readTree(url: string): Promise<SourceFile[]>;
  readFile(url: string): Promise<Buffer>;
}

/**
 * Files next to a template. `file:` bases (trusted catalog config) are read from disk but must stay
 * inside the template's folder, as Backstage requires; `url:` bases and absolute URLs go through the
 * URL reader (local roots, git servers); a dry run reads the files the editor sent.
 */
export function templateSourceFor(options: { baseUrl?: string; urlReader: UrlReaderService; files?: SourceFile[] }): TemplateSource {
  const { baseUrl, urlReader, files } = options;
  const isAbsoluteUrl = (url: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(url);

  if (files) {
    const norm = (url: string) => {
      if (isAbsoluteUrl(url)) throw new InputError(`A dry run can only read the template's own files, not ${url}`);
      const p = resolve('/', url).slice(1);
      return p;
    };
    return {
      async readTree(url) {
        const prefix = norm(url);
        const out = files.filter((f) => prefix === '' || f.path === prefix || f.path.startsWith(`${prefix}/`))
          .map((f) => ({ ...f, path: prefix === '' ? f.path : f.path.slice(prefix.length + 1) })).filter((f) => f.path);
        if (out.length === 0) throw new NotFoundError(`The template has no files under ${url}`);
        return out;
      },
      async readFile(url) {
        const p = norm(url);
        const f = files.find((x) => x.path === p);
        if (!f) throw new NotFoundError(`The template has no file ${url}`);
        return f.content;
      },
    };
  }

  const resolveUrl = (url: string): URL => {
    if (isAbsoluteUrl(url)) return new URL(url);
    if (!baseUrl) throw new InputError(`"${url}" is relative but the template has no location to resolve it against`);
    return new URL(url, baseUrl);
  };

  async function localPath(url: URL): Promise<string> {
    const templateDir = await realpath(dirname(fileURLToPath(baseUrl!)));
    const target = await realpath(fileURLToPath(url)).catch(() => { throw new NotFoundError(`${url.href} was not found`); });
    const rel = relative(templateDir, target);
    if (rel.startsWith('..') || resolve(templateDir, rel) !== target) throw new NotAllowedError(`${url.href} is outside the template's folder`);
    return target;
  }

  async function walk(dir: string, root: string, out: SourceFile[]) {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) await walk(full, root, out);
      else if (entry.isFile()) {
        const s = await stat(full);
        out.push({ path: relative(root, full).split('\\').join('/'), content: await readFile(full), executable: (s.mode & 0o111) !== 0 });
      }
    }
  }

  return {
    async readTree(url) {
      const target = resolveUrl(url);
      if (target.protocol === 'file:' && baseUrl?.startsWith('file:')) {
        const dir = await localPath(target);
        const out: SourceFile[] = [];
        await walk(dir, dir, out);
        return out;
      }
      const tree = await urlReader.readTree(target.href);
      const out: SourceFile[] = [];
      for (const f of await tree.files()) {
        if (isSafeRelativePath(f.path)) out.push({ path: f.path, content: await f.content() });
      }
      return out;
    },
    async readFile(url) {
      const target = resolveUrl(url);
      if (target.protocol === 'file:' && baseUrl?.startsWith('file:')) return readFile(await localPath(target));
      return (await urlReader.readUrl(target.href)).buffer();
    },
  };
}

/** The base URL of a template from its `backstage.io/managed-by-location` annotation. */
export function templateBaseUrl(location: string | undefined): string | undefined {
  if (!location) return undefined;
  const colon = location.indexOf(':');
  const type = location.slice(0, colon);
  const target = location.slice(colon + 1);
  if (type === 'file') return pathToFileURL(target).href;
  if (type === 'url') return target;
  return undefined;
}
