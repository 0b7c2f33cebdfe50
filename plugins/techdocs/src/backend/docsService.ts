import { NotFoundError, NotModifiedError, type EventsService, type Logger, type UrlReaderService } from '@atrium/backend';
import type { Entity } from '@atrium/model';
import type { CatalogClient } from '@atrium/plugin-catalog/common';
import { TECHDOCS_SITE_BUILT_TOPIC, type SiteStatus } from '@atrium/plugin-techdocs/common';
import { buildSite, MemoryPageCache, type BuiltFile, type PageRenderer } from './builder/index.js';
import type { TechDocsSettings } from './config.js';
import { resolveDocsSource } from './docsSource.js';
import { LruCache } from './fileCache.js';
import type { SiteStore, StoredFile } from './store/siteStore.js';

export type SyncEvent = { type: 'log'; message: string } | { type: 'error'; message: string } | { type: 'finish'; updated: boolean };

interface Job {
  listeners: Set<(e: SyncEvent) => void>;
  log: string[];
  done: Promise<boolean>;
}

// Redacts userinfo so a token in a git URL never reaches a log line or the reader.
const redact = (url: string) => url.replace(/\/\/[^/@]*@/, '//');

/**
 * Builds, stores and serves sites. A read of stale docs starts (or joins) one build per site whose
 * progress every waiting reader sees; the previous build stays online until the new one is stored.
 */
export class DocsService {
  private readonly jobs = new Map<string, Job>();
  private running = 0;
  private readonly queue: Array<() => void> = [];
  private readonly current = new Map<string, { buildId: string | undefined; at: number }>();
  private readonly fileMaps = new LruCache<string, Map<string, StoredFile>>(200);
  private readonly blobs = new LruCache<string, Buffer>(64 * 1024 * 1024, (b) => b.length);
  /** Rendered pages by source, so a rebuild after a commit renders only the pages it changed. */
  private readonly pageCache = new MemoryPageCache(32 * 1024 * 1024);

  constructor(private readonly deps: {
    store: SiteStore; urlReader: UrlReaderService; catalog: CatalogClient; events: EventsService; logger: Logger; settings: TechDocsSettings;
    renderer?: PageRenderer;
  }) {}

  /** Forget the cached current build of a site (after a build here or, through events, elsewhere). */
  invalidate(entityRef: string): void {
    this.current.delete(entityRef);
  }

  isBuilding(entityRef: string): boolean {
    return this.jobs.has(entityRef);
  }

  /** Rebuilds when the source changed since the last check (at most once per checkInterval unless forced). */
  async sync(entityRef: string, onEvent: (e: SyncEvent) => void, options: { force?: boolean } = {}): Promise<boolean> {
    if (this.deps.settings.builder === 'external') {
      onEvent({ type: 'finish', updated: false });
      return false;
    }
    let job = this.jobs.get(entityRef);
    if (!job) {
      const site = await this.deps.store.getSite(entityRef);
      const checkedAt = site?.checked_at ? new Date(site.checked_at).getTime() : 0;
      if (!options.force && site && Date.now() - checkedAt < this.deps.settings.checkIntervalMs) {
        onEvent({ type: 'finish', updated: false });
        return false;
      }
      job = this.jobs.get(entityRef) ?? this.startJob(entityRef, site?.source_etag ?? undefined);
    }
    for (const line of job.log) onEvent({ type: 'log', message: line });
    job.listeners.add(onEvent);
    try {
      const updated = await job.done;
      onEvent({ type: 'finish', updated });
      return updated;
    } catch (e) {
      onEvent({ type: 'error', message: (e as Error).message });
      return false;
    } finally {
      job.listeners.delete(onEvent);
    }
  }

  private startJob(entityRef: string, knownEtag: string | undefined): Job {
    const job: Job = { listeners: new Set(), log: [], done: Promise.resolve(false) };
    const log = (message: string) => {
      job.log.push(message);
      for (const l of job.listeners) l({ type: 'log', message });
    };
    job.done = this.limited(() => this.build(entityRef, knownEtag, log)).finally(() => this.jobs.delete(entityRef));
    job.done.catch(() => {}); // awaited by the listeners; this keeps an unobserved failure from crashing the process
    this.jobs.set(entityRef, job);
    return job;
  }

  private async limited<T>(fn: () => Promise<T>): Promise<T> {
    if (this.running >= this.deps.settings.maxConcurrentBuilds) await new Promise<void>((r) => this.queue.push(r));
    this.running++;
    try {
      return await fn();
    } finally {
      this.running--;
      this.queue.shift()?.();
    }
  }

  private async build(entityRef: string, knownEtag: string | undefined, log: (m: string) => void): Promise<boolean> {
    const { store, urlReader, catalog, logger } = this.deps;
    // Not a build failure: the catalog may not have read the entity yet, so nothing is recorded and the
    // next read tries again.
    const entity = await catalog.getEntityByRef(entityRef);
    if (!entity) throw new NotFoundError(`${entityRef} is not in the catalog (yet): check the name, or wait for the catalog to read it`);
    let etag: string | undefined;
    try {
      const source = resolveDocsSource(entity);
      log(`Checking ${redact(source.url)}`);
      let tree;
      try {
        tree = await urlReader.readTree(source.url, knownEtag ? { etag: knownEtag } : {});
      } catch (e) {
        if (!(e instanceof NotModifiedError)) throw e;
        await store.touchChecked(entityRef);
        log('The source has not changed since the last build');
        return false;
      }
      etag = tree.etag;
      const files = await tree.files();
      log(`Building ${files.length} source files${source.isGit ? ` at commit ${tree.etag.slice(0, 12)}` : ''}`);
      const site = await buildSite(files, {
        etag: tree.etag, ...(source.isGit && { commit: tree.etag }), repoUrl: source.repoUrl, editUri: source.editUri, onProgress: log,
        cache: this.pageCache, ...(this.deps.renderer && { renderer: this.deps.renderer }),
      });
      for (const w of site.warnings) log(`Warning: ${w.file ? `${w.file}${w.line ? `:${w.line}` : ''}: ` : ''}${w.message}`);
      const saved = await store.saveBuild({
        entityRef, files: site.files, etag: tree.etag, ...(source.isGit && { commit: tree.etag }), origin: 'portal',
        warnings: site.warnings, siteName: site.manifest.siteName, sourceUrl: redact(source.url),
      });
      log(`Stored the site (${saved.newBlobs} new of ${site.files.length} files)`);
      await this.published(entityRef, saved.buildId);
      return true;
    } catch (e) {
      const message = (e as Error).message;
      await store.saveFailure(entityRef, message, 'portal', etag ?? knownEtag).catch((err: unknown) => logger.error('could not record a failed build', err as Error));
      logger.warn(`docs build of ${entityRef} failed: ${message}`);
      throw e;
    }
  }

  /** Stores a site built elsewhere (`atrium docs publish`). */
  async publish(entityRef: string, input: { files: BuiltFile[]; etag: string; commit?: string; siteName: string; warnings: [] }): Promise<string> {
    const saved = await this.deps.store.saveBuild({ entityRef, ...input, origin: 'publish' });
    await this.published(entityRef, saved.buildId);
    return saved.buildId;
  }

  private async published(entityRef: string, buildId: string) {
    this.invalidate(entityRef);
    await this.deps.events.publish(TECHDOCS_SITE_BUILT_TOPIC, { entityRef, buildId });
  }

  private async currentBuildId(entityRef: string): Promise<string | undefined> {
    const cached = this.current.get(entityRef);
    // Other instances' builds arrive as events; the short expiry covers a missed one.
    if (cached && Date.now() - cached.at < 10_000) return cached.buildId;
    const site = await this.deps.store.getSite(entityRef);
    const buildId = site?.current_build_id ?? undefined;
    this.current.set(entityRef, { buildId, at: Date.now() });
    return buildId;
  }

  /** A file of the site's current build, or undefined when there is no site or no such file. */
  async file(entityRef: string, path: string): Promise<{ hash: string; contentType: string; content: () => Promise<Buffer> } | undefined> {
    const buildId = await this.currentBuildId(entityRef);
    if (!buildId) return undefined;
    let files = this.fileMaps.get(buildId);
    if (!files) {
      files = await this.deps.store.buildFiles(buildId);
      this.fileMaps.set(buildId, files);
    }
    const f = files.get(path);
    if (!f) return undefined;
    return {
      ...f,
      content: async () => {
        let blob = this.blobs.get(f.hash);
        if (!blob) {
          blob = await this.deps.store.blob(f.hash);
          if (!blob) throw new NotFoundError(`${path} of ${entityRef} is missing from storage`);
          this.blobs.set(f.hash, blob);
        }
        return blob;
      },
    };
  }

  async status(entityRef: string): Promise<SiteStatus> {
    const current = await this.deps.store.currentBuild(entityRef);
    const lastFailure = await this.deps.store.lastFailure(entityRef, current?.createdAt);
    return { entityRef, ...(current && { current }), ...(lastFailure && { lastFailure }), building: this.isBuilding(entityRef) };
  }

  /** Rebuild sites whose entity changed in the catalog (a new commit, a moved annotation). */
  async onEntitiesChanged(entityRefs: string[]): Promise<void> {
    // One query per change event (a catalog ingestion sends a thousand refs at a time); sites never read
    // are built on their first read.
    for (let i = 0; i < entityRefs.length; i += 1000) {
      for (const ref of await this.deps.store.sitesAmong(entityRefs.slice(i, i + 1000))) void this.sync(ref, () => {}, { force: true });
    }
  }

  /**
   * Deletes the sites of entities removed from the catalog. Each is looked up first: an entity removed
   * and added again (a moved location) keeps its docs. Returns the refs whose sites were deleted.
   */
  async onEntitiesRemoved(entityRefs: string[]): Promise<string[]> {
    const gone: string[] = [];
    for (let i = 0; i < entityRefs.length; i += 1000) {
      for (const ref of await this.deps.store.sitesAmong(entityRefs.slice(i, i + 1000))) {
        if (this.isBuilding(ref) || await this.deps.catalog.getEntityByRef(ref)) continue;
        gone.push(ref);
      }
    }
    if (gone.length) {
      await this.deps.store.deleteSites(gone);
      for (const ref of gone) this.invalidate(ref);
      this.deps.logger.info(`deleted the docs of ${gone.length} entities removed from the catalog: ${gone.slice(0, 5).join(', ')}${gone.length > 5 ? ', …' : ''}`);
    }
    return gone;
  }

  static entityRefOf(entity: Entity): string {
    return `${entity.kind}:${entity.metadata.namespace ?? 'default'}/${entity.metadata.name}`.toLocaleLowerCase('en-US');
  }
}
