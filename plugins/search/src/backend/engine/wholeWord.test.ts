import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASE_CLIENTS } from '@atrium/backend/testing';
import type { SearchResultSet } from '@atrium/plugin-search/common';
import { startSearchTestBackend, type SearchTestBackend } from '../searchTestBackend.js';
import { entityDoc } from '../testCorpus.js';

const names = (r: SearchResultSet) => r.results.map((x) => String(x.document.name)).sort();

// The word being typed is looked up as itself when no longer indexed word starts with it (see termCte).
describe.each(TEST_DATABASE_CLIENTS)('a word being typed that nothing longer starts with, on %s', (client) => {
  let t: SearchTestBackend;
  beforeAll(async () => {
    t = await startSearchTestBackend({
      client,
      config: { search: { smallIndexDocuments: 0, resultCacheSeconds: 0 } },
      corpora: [{ type: 'software-catalog', documents: () => [
        entityDoc('broker-a', { description: 'Streams events through kafka' }),
        entityDoc('broker-b', { description: 'Streams events through rabbitmq' }),
      ] }],
    });
    await t.indexed();
  }, 60_000);
  afterAll(() => t?.stop());

  it('still finds a longer word written after the query was first answered', async () => {
    expect(names(await t.search({ term: 'kafka' }))).toEqual(['broker-a']);
    await t.writers.get('software-catalog')!.upsert([entityDoc('broker-c', { description: 'Runs kafkaconnect jobs' })]);
    expect(names(await t.search({ term: 'kafka' }))).toEqual(['broker-a', 'broker-c']);
    expect(names(await t.search({ term: 'kafka ' }))).toEqual(['broker-a']);
    // An updated document's new words count too.
    await t.writers.get('software-catalog')!.upsert([entityDoc('broker-b', { description: 'Streams events through rabbitmqstream' })]);
    expect(names(await t.search({ term: 'rabbitmq' }))).toEqual(['broker-b']);
    expect(names(await t.search({ term: 'events rabbitmqs' }))).toEqual(['broker-b']);
  });

  it('matches the same documents after a full reindex', async () => {
    // The reindex carries the incremental writes over (they are newer than what it read).
    await t.reindex('software-catalog');
    expect(names(await t.search({ term: 'kafka' }))).toEqual(['broker-a', 'broker-c']);
    expect(names(await t.search({ term: 'stream' }))).toEqual(['broker-a', 'broker-b']);
  });
});
