import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TEST_DATABASE_CLIENTS } from '@atrium/backend/testing';
import type { SearchDocument } from '@atrium/plugin-search/common';
import { startSearchTestBackend, type SearchTestBackend } from '../searchTestBackend.js';
import { entityDoc } from '../testCorpus.js';
import { ResultCache } from './resultCache.js';

const names = (r: { results: Array<{ document: SearchDocument }> }) => r.results.map((x) => x.document.name).sort();

describe('ResultCache', () => {
  it('gives an answer back only at the index version it was computed at, and only within its time', () => {
    vi.useFakeTimers();
    try {
      const cache = new ResultCache<string>({ ttlMs: 1_000, maxEntries: 10 });
      cache.set('q', '7:true', 'seven');
      expect(cache.get('q', '7:true')).toBe('seven');
      expect(cache.get('q', '8:true')).toBeUndefined();
      // A version mismatch drops the entry: the index moved on.
      expect(cache.get('q', '7:true')).toBeUndefined();
      cache.set('q', '8:true', 'eight');
      vi.advanceTimersByTime(1_001);
      expect(cache.get('q', '8:true')).toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps at most its number of entries, dropping the oldest', () => {
    const cache = new ResultCache<number>({ ttlMs: 60_000, maxEntries: 2 });
    cache.set('a', 'v', 1);
    cache.set('b', 'v', 2);
    cache.set('c', 'v', 3);
    expect([cache.get('a', 'v'), cache.get('b', 'v'), cache.get('c', 'v')]).toEqual([undefined, 2, 3]);
  });

  it('is off with no time or no entries', () => {
    expect(new ResultCache({ ttlMs: 0, maxEntries: 10 }).enabled).toBe(false);
    expect(new ResultCache({ ttlMs: 10, maxEntries: 0 }).enabled).toBe(false);
  });
});

describe.each(TEST_DATABASE_CLIENTS)('repeated queries on %s', (client) => {
  let t: SearchTestBackend;
  beforeAll(async () => {
    t = await startSearchTestBackend({ client, corpora: [{ type: 'software-catalog', documents: () => [entityDoc('quasar-service', { description: 'the first quasar' })] }] });
    await t.indexed();
  });
  afterAll(() => t?.stop());

  it('answers the same query again with the same results, and a write shows at the very next query', async () => {
    const first = await t.search({ term: 'quasar' });
    expect(names(first)).toEqual(['quasar-service']);
    expect(await t.search({ term: 'quasar' })).toEqual(first);
    const writer = t.writers.get('software-catalog')!;
    await writer.upsert([entityDoc('quasar-ui', { description: 'shows quasars' })]);
    expect(names(await t.search({ term: 'quasar' }))).toEqual(['quasar-service', 'quasar-ui']);
    await writer.remove(['/catalog/default/component/quasar-service']);
    expect(names(await t.search({ term: 'quasar' }))).toEqual(['quasar-ui']);
    const facets = await (await t.fetch('/api/search/facets?term=quasar')).json() as { types: Record<string, number> };
    expect(facets.types).toEqual({ 'software-catalog': 1 });
  });

  it('computes a fresh answer when the request says Cache-Control: no-cache', async () => {
    const cached = await (await t.fetch('/api/search/query?term=quasar')).json();
    const fresh = await (await t.fetch('/api/search/query?term=quasar', { headers: { 'cache-control': 'no-cache' } })).json();
    expect(fresh).toEqual(cached);
  });

  // Two instances on one database exist only on the server: an embedded database belongs to one process.
  if (client === 'pg') it('sees a write made by another instance on the same database at its next query', async () => {
    const other = await startSearchTestBackend({ client, database: t.database, corpora: [{ type: 'software-catalog', documents: () => [] , schedule: { frequency: { hours: 24 }, initialDelay: { hours: 1 } } }] });
    try {
      expect(names(await t.search({ term: 'pulsar' }))).toEqual([]);
      await other.writers.get('software-catalog')!.upsert([entityDoc('pulsar-service')]);
      expect(names(await t.search({ term: 'pulsar' }))).toEqual(['pulsar-service']);
      // An answer the query kept (it has rows, so it carries the version its statement saw), then each of
      // many writes, past the foldings of the change log into one row (every 64 writes).
      expect(names(await t.search({ term: 'pulsar' }))).toEqual(['pulsar-service']);
      for (let i = 0; i < 70; i++) {
        await other.writers.get('software-catalog')!.upsert([entityDoc(`pulsar-${i}`)]);
        expect((await t.search({ term: 'pulsar' })).numberOfResults).toBe(i + 2);
      }
    } finally {
      await other.stop();
    }
  });
});
