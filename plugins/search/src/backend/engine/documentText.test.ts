import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchDocument, SearchResultSet } from '@atrium/plugin-search/common';
import { TEST_DATABASE_CLIENTS } from '@atrium/backend/testing';
import { startSearchTestBackend, type SearchTestBackend } from '../searchTestBackend.js';
import { entityDoc } from '../testCorpus.js';

/** As the writer cut a document's text before it stopped storing it (toDocumentRow): 1,000 UTF-16 units, then `…`. */
const cut = (text: string) => (text.length > 1_000 ? `${text.slice(0, 1_000)}…` : text);

const page = (title: string, text: string): SearchDocument => ({
  title, text, location: `/docs/default/component/x/${title.toLowerCase()}/`, entityRef: 'component:default/x', entityTitle: 'x', name: 'x', kind: 'Component',
});

const filler = (n: number) => Array.from({ length: n }, (_, i) => `filler${i}`).join(' ');
const docs = [
  page('Short', 'A short page about zebras.'),
  page('Long', `${filler(150)} zebras ${filler(150)}`),
  // Past the size the engine cuts highlight windows of itself (the database cuts this one).
  page('Huge', `${filler(2_500)} zebras ${filler(100)}`),
  // A letter outside the basic plane at the cut: UTF-16 units are counted, as before.
  page('Astral', `${'𝐀'.repeat(600)} zebras`),
  page('Empty', ''),
];
const entities = [entityDoc('zebra-service', { description: `Zebras ${'𝐀'.repeat(499)}xy and more` }), entityDoc('plain-service', { description: 'zebras' })];

const texts = (r: SearchResultSet) => Object.fromEntries(r.results.map((x) => [String(x.document.title), x.document.text]));

// Documents are stored without their text, and returned with the start of the row's (see returnedText).
describe.each(TEST_DATABASE_CLIENTS)("a result's document text, on %s", (client) => {
  let t: SearchTestBackend;
  beforeAll(async () => {
    t = await startSearchTestBackend({
      client,
      config: { search: { smallIndexDocuments: 0, resultCacheSeconds: 0 } },
      corpora: [
        { type: 'techdocs', textWeight: 'body', documents: () => docs },
        { type: 'software-catalog', documents: () => entities },
      ],
    });
    await t.indexed();
  }, 60_000);
  afterAll(() => t?.stop());

  it('is the text the document was written with, cut at 1,000 characters', async () => {
    const expected = Object.fromEntries([...docs, ...entities].map((d) => [d.title, cut(d.text)]));
    const found = texts(await t.search({ term: 'zebras', pageLimit: 25 }));
    expect(Object.keys(found).sort()).toEqual(['Astral', 'Huge', 'Long', 'Short', 'plain-service', 'zebra-service']);
    for (const [title, text] of Object.entries(found)) expect(text, title).toBe(expected[title]);
    // Browsing (no highlights) and incremental writes alike.
    const browsed = texts(await t.search({ term: '', types: ['techdocs'], pageLimit: 25 }));
    for (const d of docs) expect(browsed[d.title], d.title).toBe(cut(d.text));
    await t.writers.get('techdocs')!.upsert([page('Later', `${filler(300)} zebras`)]);
    expect(texts(await t.search({ term: 'zebras', pageLimit: 25 })).Later).toBe(cut(`${filler(300)} zebras`));
  });

  it('can still be filtered on', async () => {
    const r = await t.search({ term: '', filters: { text: ['A SHORT page about zebras.'] } });
    expect(r.results.map((x) => x.document.title)).toEqual(['Short']);
  });
});
