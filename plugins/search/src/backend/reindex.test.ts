import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASE_CLIENTS, waitFor } from '@atrium/backend/testing';
import type { SearchDocument, SearchTypesResponse } from '@atrium/plugin-search/common';
import { startSearchTestBackend, type SearchTestBackend } from './searchTestBackend.js';
import { entityDoc } from './testCorpus.js';

describe.each(TEST_DATABASE_CLIENTS)('full reindex on %s', (client) => {
  let t: SearchTestBackend;
  let corpus: SearchDocument[] = Array.from({ length: 30 }, (_, i) => entityDoc(`svc-${i}`, { description: 'version one' }));
  /** What queries saw while a reindex was between batches. */
  const seenDuring: number[] = [];
  let failNext = false;
  /** Runs between the first and second batch of the next reindex. */
  let betweenBatches: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    t = await startSearchTestBackend({
      client,
      corpora: [{
        type: 'software-catalog',
        documents: () => corpus,
        batchSize: 10,
        onBatch: async (n) => {
          if (!t) return;
          seenDuring.push((await t.search({ term: '' })).numberOfResults);
          if (failNext && n === 1) throw new Error('the source went away');
          if (n === 0 && betweenBatches) await betweenBatches();
        },
      }],
    });
    await t.indexed();
  });
  afterAll(() => t?.stop());

  it('keeps serving the previous generation until the new one is complete, then swaps', async () => {
    expect((await t.search({ term: 'one' })).numberOfResults).toBe(30);
    seenDuring.length = 0;
    corpus = Array.from({ length: 20 }, (_, i) => entityDoc(`svc-${i}`, { description: 'version two' }));
    await t.reindex('software-catalog');
    // Between batches the old 30 documents stayed searchable: never empty, never a mix.
    expect(seenDuring).toEqual([30, 30]);
    expect((await t.search({ term: '' })).numberOfResults).toBe(20);
    expect((await t.search({ term: 'one' })).numberOfResults).toBe(0);
    expect((await t.search({ term: 'two' })).numberOfResults).toBe(20);
  });

  it('leaves the live index alone when a collator fails half way', async () => {
    failNext = true;
    corpus = Array.from({ length: 25 }, (_, i) => entityDoc(`svc-${i}`, { description: 'version three' }));
    await t.reindex('software-catalog');
    failNext = false;
    expect((await t.search({ term: 'two' })).numberOfResults).toBe(20);
    expect((await t.search({ term: 'three' })).numberOfResults).toBe(0);
  });

  it('lets incremental writes during a reindex win over the reindex\'s older copy, and keeps removals', async () => {
    const writer = t.writers.get('software-catalog')!;
    corpus = Array.from({ length: 20 }, (_, i) => entityDoc(`svc-${i}`, { description: 'version four' }));
    // svc-3 (second batch, not read yet) and svc-14 (first batch, already read) change and svc-4 vanishes mid-reindex.
    betweenBatches = async () => {
      await writer.upsert([entityDoc('svc-3', { description: 'fresher than the reindex' }), entityDoc('svc-14', { description: 'fresher too' })]);
      await writer.remove(['/catalog/default/component/svc-4']);
    };
    await t.reindex('software-catalog');
    betweenBatches = undefined;
    expect((await t.search({ term: 'fresher' })).results.map((r) => r.document.name).sort()).toEqual(['svc-14', 'svc-3']);
    expect((await t.search({ term: '' })).results.map((r) => r.document.name)).not.toContain('svc-4');
    expect((await t.search({ term: '' })).numberOfResults).toBe(19);
    expect((await t.search({ term: 'four' })).numberOfResults).toBe(17);
  });
});

describe('the start-up reindex', () => {
  it('waits until incremental writes pause, so it does not compete with the catalog\'s first ingestion', async () => {
    const t = await startSearchTestBackend({
      client: 'pglite',
      corpora: [{ type: 'software-catalog', documents: () => [entityDoc('from-reindex')], schedule: { frequency: { hours: 24 } } }],
    });
    try {
      const writer = t.writers.get('software-catalog')!;
      const lastIndexedAt = async () => (await (await t.fetch('/api/search/types')).json() as SearchTypesResponse).types[0]!.lastIndexedAt;
      // Writes every second for 5 seconds: the default 3-second delay passes, the reindex keeps waiting.
      for (let i = 0; i < 5; i++) {
        await writer.upsert([entityDoc(`from-events-${i}`)]);
        await new Promise((r) => setTimeout(r, 1_000));
      }
      expect(await lastIndexedAt()).toBeNull();
      expect((await t.search({ term: 'from-events-4' })).results[0]?.document.name).toBe('from-events-4');
      // Five quiet seconds later it runs.
      await waitFor(async () => (await lastIndexedAt()) ?? undefined, { timeoutMs: 45_000 });
      expect((await t.search({ term: 'from-reindex' })).results[0]?.document.name).toBe('from-reindex');
    } finally {
      await t.stop();
    }
  }, 90_000);
});
