import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASE_CLIENTS } from '@atrium/backend/testing';
import { RESULT_COUNT_CAP, type SearchResultSet } from '@atrium/plugin-search/common';
import { startSearchTestBackend, type SearchTestBackend } from '../searchTestBackend.js';
import { entityDoc } from '../testCorpus.js';
import { encodeCursor as encodePage } from './cursor.js';

// More names starting with the typed word than paging reaches (1,000): names and titles take the full-text leg's place.
const widgets = Array.from({ length: 1_100 }, (_, i) => entityDoc(`widget-${i}`, { description: `Widget number ${i}` }));
const guide = { title: 'Widget guide', text: 'How to build a widget', location: '/docs/default/component/widget-1/guide/', entityTitle: 'widget-1', name: 'widget-1' };
const names = (r: SearchResultSet) => r.results.map((x) => String(x.document.name));

describe.each(TEST_DATABASE_CLIENTS)('a word starting more names than paging reaches, on %s', (client) => {
  let t: SearchTestBackend;
  beforeAll(async () => {
    t = await startSearchTestBackend({
      client,
      // The capped legs of a large index (below 5,000 documents every match is ranked in one scan); one
      // query statement at a time, so concurrent searches wait in line (search.maxConcurrentQueries).
      config: { search: { smallIndexDocuments: 0, maxConcurrentQueries: 1 } },
      corpora: [{ type: 'software-catalog', documents: () => widgets }, { type: 'techdocs', documents: () => [guide], textWeight: 'body' }],
    });
    await t.indexed();
  }, 60_000);
  afterAll(() => t?.stop());

  it('answers with the names starting with it, in order, and "more than" the cap', async () => {
    const r = await t.search({ term: 'widg' });
    expect(r.numberOfResults).toBe(RESULT_COUNT_CAP);
    expect(names(r).every((n) => n.startsWith('widget-'))).toBe(true);
    expect(r.results[0]!.highlight!.fields.title).toContain('widget');
    const second = await t.search({ term: 'widg', pageCursor: r.nextPageCursor! });
    expect(second.results.map((x) => x.rank)[0]).toBe(26);
    expect(new Set([...names(r), ...names(second)]).size).toBe(50);
  });

  it('counts a broad word up to the cap ("200+") and still pages past it, up to 1,000 results', async () => {
    const first = await t.search({ term: 'number ' });
    expect(first.numberOfResults).toBe(RESULT_COUNT_CAP);
    const deep = await t.search({ term: 'number ', pageLimit: 100, pageCursor: encodePage(9) });
    expect(deep.results.map((x) => x.rank)).toEqual(Array.from({ length: 100 }, (_, i) => 901 + i));
    expect(deep.numberOfResults).toBe(RESULT_COUNT_CAP);
    expect(deep.nextPageCursor).toBeUndefined();
  });

  it('still finds a title starting with it, and the rest of the matches with a type or filter', async () => {
    const titled = await t.search({ term: 'widget g' });
    expect(titled.results[0]!.document.location).toBe(guide.location);
    const docs = await t.search({ term: 'widg', types: ['techdocs'] });
    expect(docs.results.map((x) => x.document.location)).toEqual([guide.location]);
    expect(names(await t.search({ term: 'widget-1099' }))[0]).toBe('widget-1099');
  });

  it('answers searches sent at once, one statement at a time, as it answers each alone', async () => {
    // Fresh answers (Cache-Control: no-cache), so each is computed rather than reused.
    const fresh = async (term: string) => (await t.fetch(`/api/search/query?${new URLSearchParams({ term })}`, { headers: { 'cache-control': 'no-cache' } })).json();
    const terms = ['widget-7', 'number 12', 'widg', 'widget g', 'guide', 'widget-1099'];
    const alone = [];
    for (const term of terms) alone.push(await fresh(term));
    const together = await Promise.all([...terms, ...terms].map(fresh));
    expect(together).toEqual([...alone, ...alone]);
    expect(alone[0].results[0].document.name).toBe('widget-7');
  });
});
