import { coreServices, createBackendModule, type SchedulerService } from '@atrium/backend';
import { startTestBackend, waitFor, type TestBackend, type TestDatabase, type TestDatabaseClient } from '@atrium/backend/testing';
import type { SearchDocument, SearchResultSet, SearchTypesResponse } from '@atrium/plugin-search/common';
import { toSearchParams } from '@atrium/plugin-search/common';
import { searchIndexRegistryExtensionPoint, type SearchCollator, type SearchIndexWriter } from './extensionPoint.js';
import { searchPlugin } from './plugin.js';

/**
 * Test support (not part of the plugin): a backend with the search plugin and collators that yield
 * given documents, so tests control the corpus and can write incrementally through `writers`.
 */
export interface SearchTestBackend extends TestBackend {
  /** The PostgreSQL database (pg only), for a second instance on it. */
  database?: TestDatabase;
  writers: Map<string, SearchIndexWriter>;
  search(query: Parameters<typeof toSearchParams>[0]): Promise<SearchResultSet>;
  /** Waits until every fixed type has been fully indexed at least once. */
  indexed(): Promise<void>;
  /** Runs a full reindex of a type now and waits for it to finish. */
  reindex(type: string): Promise<void>;
}

export interface FixedCorpus {
  type: string;
  documents: () => SearchDocument[] | Promise<SearchDocument[]>;
  textWeight?: SearchCollator['textWeight'];
  /** Called once per batch yielded, before the next one: lets a test act in the middle of a reindex. */
  onBatch?: (index: number) => Promise<void>;
  batchSize?: number;
  /** The collator's schedule (default: daily, the first run at once). */
  schedule?: SearchCollator['schedule'];
}

export async function startSearchTestBackend(options: { client: TestDatabaseClient; database?: TestDatabase; corpora: FixedCorpus[]; features?: Parameters<typeof startTestBackend>[0]['features']; config?: Parameters<typeof startTestBackend>[0]['config'] }): Promise<SearchTestBackend> {
  const writers = new Map<string, SearchIndexWriter>();
  let scheduler: SchedulerService | undefined;
  const module = createBackendModule({
    pluginId: 'search',
    moduleId: 'fixed-corpus',
    register(env) {
      env.registerInit({
        deps: { registry: searchIndexRegistryExtensionPoint, schedulerService: coreServices.scheduler },
        init({ registry, schedulerService }) {
          scheduler = schedulerService;
          for (const corpus of options.corpora) {
            registry.addCollator({
              type: corpus.type,
              textWeight: corpus.textWeight,
              schedule: corpus.schedule ?? { frequency: { hours: 24 }, initialDelay: 0 },
              async *collate() {
                const all = await corpus.documents();
                const size = corpus.batchSize ?? 500;
                for (let i = 0, n = 0; i < all.length; i += size, n++) {
                  yield all.slice(i, i + size);
                  await corpus.onBatch?.(n);
                }
              },
              subscribe: (writer) => void writers.set(corpus.type, writer),
            });
          }
        },
      });
    },
  });
  const t = await startTestBackend({ features: [searchPlugin, module, ...(options.features ?? [])], client: options.client, database: options.database, config: options.config });
  return Object.assign(t, {
    writers,
    async search(query: Parameters<typeof toSearchParams>[0]) {
      const r = await t.fetch(`/api/search/query?${toSearchParams(query)}`);
      if (r.status !== 200) throw new Error(`search answered ${r.status}: ${await r.text()}`);
      return (await r.json()) as SearchResultSet;
    },
    async reindex(type: string) {
      const before = (await scheduler!.list()).find((x) => x.id === `reindex-${type}`)?.lastRunEndedAt;
      await scheduler!.trigger(`reindex-${type}`);
      await waitFor(async () => {
        const task = (await scheduler!.list()).find((x) => x.id === `reindex-${type}`);
        return (task && !task.running && task.lastRunEndedAt !== before) || undefined;
      }, { timeoutMs: 30_000 });
    },
    async indexed() {
      const types = new Set(options.corpora.map((c) => c.type));
      await waitFor(async () => {
        const r = (await (await t.fetch('/api/search/types')).json()) as SearchTypesResponse;
        if (r.types.filter((x) => types.has(x.type) && x.lastIndexedAt).length !== types.size) return undefined;
        // The run that set lastIndexedAt may still be finishing (merging its index entries): done once it ended.
        const tasks = await scheduler!.list();
        return tasks.every((x) => !x.id.startsWith('reindex-') || !types.has(x.id.slice('reindex-'.length)) || !x.running) || undefined;
      }, { timeoutMs: 20_000 });
    },
  });
}
