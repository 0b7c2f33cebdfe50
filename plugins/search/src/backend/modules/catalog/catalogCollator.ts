import type { Logger } from '@atrium/backend';
import type { CatalogClient } from '@atrium/plugin-catalog/common';
import { CATALOG_DOCUMENT_TYPE, type SearchDocument } from '@atrium/plugin-search/common';
import type { SearchCollator, SearchIndexWriter } from '../../extensionPoint.js';
import { ENTITY_FIELDS, entityToDocument } from './entityDocument.js';

/** Events arrive per stitch batch; gathering them this long turns a burst into one catalog request. */
const DEBOUNCE_MS = 150;
const MAX_REFS_PER_REQUEST = 500;
/**
 * Beyond this many changed refs in one burst (events less than BULK_QUIET_MS apart) the catalog is ingesting in bulk (a first start, a large Location or
 * provider sync): indexing then waits until its events pause for BULK_QUIET_MS (at most BULK_MAX_LAG_MS
 * after the first), so the index's writes and the catalog's stitching do not share the database and
 * the cores while the catalog still catches up. Single changes keep the short debounce (searchable
 * within a second).
 */
export const BULK_REFS = 1000;
export const BULK_QUIET_MS = 1000;
export const BULK_MAX_LAG_MS = 30_000;

export interface CatalogCollatorOptions {
  catalog: CatalogClient;
  logger: Logger;
  /** Subscribes to the catalog's entity change events; returns the refs of each event. */
  onEntitiesChanged(handler: (entityRefs: string[]) => Promise<void>): void;
  schedule?: SearchCollator['schedule'];
}

/**
 * Every catalog entity as a `software-catalog` document. Between full reindexes, the catalog's change
 * events keep it fresh within a second: changed refs are re-read and upserted, vanished ones removed.
 */
export function createCatalogCollator(options: CatalogCollatorOptions): SearchCollator {
  const { catalog, logger } = options;
  return {
    type: CATALOG_DOCUMENT_TYPE,
    textWeight: 'summary',
    schedule: options.schedule,
    async *collate(signal) {
      for await (const page of catalog.streamEntities({ fields: ENTITY_FIELDS, pageSize: 500, signal })) {
        yield page.map(entityToDocument);
      }
    },
    subscribe(writer: SearchIndexWriter) {
      const pending = new Set<string>();
      let timer: NodeJS.Timeout | undefined;
      let firstPendingAt = 0;
      let lastEventAt = 0;
      let burstRefs = 0;
      let flushing = Promise.resolve();
      const flush = async () => {
        timer = undefined;
        const refs = [...pending];
        pending.clear();
        for (let i = 0; i < refs.length; i += MAX_REFS_PER_REQUEST) {
          const chunk = refs.slice(i, i + MAX_REFS_PER_REQUEST);
          try {
            const entities = await catalog.getEntitiesByRefs(chunk, ENTITY_FIELDS);
            const documents: SearchDocument[] = [];
            for (const [j, entity] of entities.entries()) {
              if (entity) documents.push(entityToDocument(entity));
              else await writer.replaceEntity(chunk[j]!, []);
            }
            await writer.upsert(documents);
          } catch (error) {
            // The next full reindex repairs what this missed.
            logger.warn(`Could not update the search index for ${chunk.length} changed entities: ${(error as Error).message}`);
          }
        }
      };
      const schedule = (delayMs: number) => {
        // Flushes run one after another, so an older read never overwrites a newer one.
        timer = setTimeout(() => { flushing = flushing.then(flush); }, delayMs);
        timer.unref?.();
      };
      options.onEntitiesChanged(async (entityRefs) => {
        const now = Date.now();
        if (pending.size === 0) firstPendingAt = now;
        if (now - lastEventAt > BULK_QUIET_MS) burstRefs = 0;
        lastEventAt = now;
        burstRefs += entityRefs.length;
        for (const r of entityRefs) pending.add(r.toLowerCase());
        if (burstRefs < BULK_REFS) {
          if (timer === undefined) schedule(DEBOUNCE_MS);
          return;
        }
        // A burst: every event pushes the flush back, until the lag bound.
        clearTimeout(timer);
        schedule(Math.max(0, Math.min(BULK_QUIET_MS, firstPendingAt + BULK_MAX_LAG_MS - now)));
      });
    },
  };
}
