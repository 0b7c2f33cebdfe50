import { existsSync, mkdirSync, readdirSync, rmSync, unlinkSync, writeFileSync, type Dirent } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { buildSite, DocsBuildError, openDiskPageCache, readLocalSource } from '@atrium/plugin-techdocs/builder';

/**
 * `atrium docs build [--source DIR] [--out DIR]`: builds an MkDocs source (mkdocs.yml + docs/) into a
 * static site folder, natively (no Python). Warnings are printed as `file:line: message`; a broken
 * source exits 1 with the reason.
 */
export async function docsBuildCommand(options: { source?: string; out?: string; strict?: boolean; cache?: string | false }): Promise<number> {
  const source = resolve(options.source ?? '.');
  const out = resolve(options.out ?? 'site');
  if (out === source) throw new DocsBuildError('--out must not be the source folder itself: the site would overwrite the docs');
  await requireConfig(source);
  const started = Date.now();
  const cacheDir = resolve(typeof options.cache === 'string' ? options.cache : defaultCacheDir());
  const cache = options.cache === false ? undefined : await openDiskPageCache(cacheDir, source);
  // Pages render on this thread: a one-off process gains nothing from worker threads, each of which
  // would load Markdown and the highlighter and compile them again (measured on the 100-page bench
  // site, --no-cache: median 1.15 s on this thread, 1.48 s over a thread per core).
  const site = await buildSite(await readLocalSource(source, { blocking: true }), { etag: await sourceEtag(source), ...(cache && { cache }) });
  writeSite(out, site.files);
  for (const w of site.warnings) console.log(`${w.file ? `${w.file}${w.line ? `:${w.line}` : ''}: ` : ''}warning: ${w.message}`);
  // A cache that cannot be written (read-only home in CI) costs the next build time, not this one.
  await cache?.save().catch((e: Error) => console.log(`warning: could not save the page cache: ${e.message}`));
  const kept = cache?.hits ? `, ${cache.hits} unchanged pages from the cache` : '';
  console.log(`✔ ${site.manifest.pages.length} pages built into ${out} in ${Date.now() - started} ms${kept}${site.warnings.length ? ` (${site.warnings.length} warnings)` : ''}`);
  return options.strict && site.warnings.length ? 1 : 0;
}

/**
 * Makes `out` hold the site and nothing else. Files the site has are replaced (folders kept) and only
 * what it lacks is deleted: deleting the last build's 100 folders and making them again was ~45 ms
 * of the 100-page bench site, more than writing its files. Synchronous on purpose: the process has
 * nothing else to do, and a promise per mkdir and file took ~90 ms against ~40 ms (ADR 0010).
 */
function writeSite(out: string, files: Array<{ path: string; content: Buffer }>): void {
  const targets = files.map((f) => join(out, f.path));
  const wanted = new Set(targets);
  const folders = new Set<string>();
  for (const t of targets) for (let d = dirname(t); d.length > out.length && !folders.has(d); d = dirname(d)) folders.add(d);
  let old: Dirent[] = [];
  try {
    old = readdirSync(out, { recursive: true, withFileTypes: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') rmSync(out, { recursive: true, force: true }); // a file, not a folder
  }
  for (const entry of old) {
    const p = join(entry.parentPath, entry.name);
    // A symbolic link is never written through: it could point out of the site.
    const keep = entry.isDirectory() ? folders.has(p) : entry.isFile() && wanted.has(p);
    if (!keep) rmSync(p, { recursive: true, force: true });
  }
  const made = new Set<string>(old.filter((e) => e.isDirectory()).map((e) => join(e.parentPath, e.name)));
  // The last build's files are unlinked, not truncated: ext4 writes a truncated file's new blocks out
  // at once (auto_da_alloc, against losing data on a crash), which took ~15 ms for the 100-page bench
  // site's pages against ~1 ms for unlinking them and writing new ones (ADR 0010).
  const existing = new Set<string>(old.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)));
  files.forEach((f, i) => {
    const target = targets[i]!;
    const dir = dirname(target);
    if (!made.has(dir)) { mkdirSync(dir, { recursive: true }); made.add(dir); }
    if (existing.has(target)) unlinkSync(target);
    writeFileSync(target, f.content);
  });
}

/**
 * `atrium docs publish --url URL --entity REF [--source DIR | --site DIR]`: uploads a site to a running
 * Atrium for that entity, authenticated with `--token` or `ATRIUM_TOKEN` (a service or user token).
 */
export async function docsPublishCommand(options: { url?: string; token?: string; entity?: string; source?: string; site?: string }): Promise<number> {
  if (!options.url) throw new DocsBuildError('--url is required: the base URL of the Atrium portal, e.g. https://portal.example.com');
  if (!options.entity) throw new DocsBuildError('--entity is required: the entity the docs belong to, e.g. component:default/playback-service');
  const token = options.token ?? process.env.ATRIUM_TOKEN;
  if (!token) throw new DocsBuildError('a token is required: pass --token or set ATRIUM_TOKEN');
  const ref = /^(?:([^:/]+):)?(?:([^:/]+)\/)?([^:/]+)$/.exec(options.entity);
  if (!ref) throw new DocsBuildError(`--entity "${options.entity}" is not an entity ref such as component:default/name`);
  const [kind = 'component', namespace = 'default', name] = [ref[1], ref[2], ref[3]];

  let files: Array<{ path: string; content: Buffer }>;
  let etag: string;
  if (options.site) {
    const dir = resolve(options.site);
    files = await Promise.all((await readLocalSource(dir)).map(async (f) => ({ path: f.path, content: await f.content() })));
    etag = JSON.parse((await readFile(join(dir, 'techdocs_metadata.json'), 'utf8').catch(() => '{}')) || '{}').etag ?? 'published';
  } else {
    const source = resolve(options.source ?? '.');
    await requireConfig(source);
    etag = await sourceEtag(source);
    const site = await buildSite(await readLocalSource(source), { etag });
    files = site.files;
    for (const w of site.warnings) console.log(`${w.file ? `${w.file}${w.line ? `:${w.line}` : ''}: ` : ''}warning: ${w.message}`);
  }
  const commit = process.env.GITHUB_SHA ?? process.env.CI_COMMIT_SHA;
  const target = `${options.url.replace(/\/+$/, '')}/api/techdocs/publish/${[namespace, kind, name].map((p) => encodeURIComponent(p!.toLowerCase())).join('/')}`;
  const response = await fetch(target, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ etag, ...(commit && { commit }), files: files.map((f) => ({ path: f.path, content: f.content.toString('base64') })) }),
  }).catch((e: Error) => { throw new DocsBuildError(`could not reach ${options.url}: ${e.message}`); });
  const text = await response.text();
  if (!response.ok) {
    let message = text;
    try { message = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? text; } catch { /* not JSON */ }
    throw new DocsBuildError(`publishing failed (${response.status}): ${message}`);
  }
  const result = JSON.parse(text) as { buildId: string; files: number };
  console.log(`✔ published ${result.files} files for ${kind}:${namespace}/${name} (build ${result.buildId})`);
  return 0;
}

function defaultCacheDir(): string {
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'atrium', 'docs');
}

// Fails before walking the folder, so a wrong --source (a home folder) is reported at once.
async function requireConfig(source: string): Promise<void> {
  if (!['mkdocs.yml', 'mkdocs.yaml'].some((n) => existsSync(join(source, n)))) throw new DocsBuildError(`no mkdocs.yml in ${source}: pass --source with the folder that holds mkdocs.yml and docs/`);
}

// The commit when building a git checkout in CI; otherwise a timestamp, so each upload is distinct.
async function sourceEtag(source: string): Promise<string> {
  const sha = process.env.GITHUB_SHA ?? process.env.CI_COMMIT_SHA;
  if (sha) return sha;
  const head = await readFile(join(source, '.git', 'HEAD'), 'utf8').catch(() => undefined);
  if (head?.startsWith('ref: ')) {
    const sha2 = await readFile(join(source, '.git', head.slice(5).trim()), 'utf8').catch(() => undefined);
    if (sha2) return sha2.trim();
  } else if (head) return head.trim();
  return `local-${Date.now()}`;
}
