import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASE_CLIENTS } from '@atrium/backend/testing';
import { toSearchParams, type SearchResultSet } from '@atrium/plugin-search/common';
import { startSearchTestBackend, type SearchTestBackend } from '../searchTestBackend.js';
import { catalogCorpus } from '../testCorpus.js';
import { resultSetSchema } from './routes.js';

/** Strings people (and scanners) type into search boxes. None may cause a server error. */
const NASTY = [
  '', ' ', '"', '""', "'", "''", '\\', '%', '_', '*', ':*', 'a:*', '!', '!!!', '&|!:*()', '(a|b)&!c', '<->', 'a <-> b', '<2>',
  "'; drop table documents; --", "1' or '1'='1", 'select * from search.documents', '$1', '${x}', '{{x}}', '<script>alert(1)</script>',
  'Ünïcödé 日本語 playback 🎵', '🎵', '\u200b', 'play back', '-', '-playback', '--x', 'playback -', '"unclosed quote',
  'the', 'a an the of', 'NOT', 'AND OR', 'x'.repeat(100), 'é'.repeat(100), '\t\n\r', 'playback\u0301',
];

/** A deterministic stream of random strings over an alphabet of tsquery and SQL operators, letters and unicode. */
function* randomTerms(count: number, seed = 7): Generator<string> {
  const alphabet = ['a', 'b', 'p', 'l', 'y', ' ', '"', "'", '&', '|', '!', ':', '*', '(', ')', '<', '>', '-', '\\', ';', '%', 'é', '日', '🎵', '0', '9'];
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = 0; i < count; i++) {
    const length = Math.floor(next() * 30);
    yield Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
  }
}

describe.each(TEST_DATABASE_CLIENTS)('search API with bad input on %s', (client) => {
  let t: SearchTestBackend;
  beforeAll(async () => {
    t = await startSearchTestBackend({ client, corpora: [{ type: 'software-catalog', documents: () => catalogCorpus }] });
    await t.indexed();
  });
  afterAll(() => t?.stop());

  const get = (path: string) => t.fetch(path);

  it('answers every odd term with results (or none), never an error', async () => {
    for (const term of [...NASTY, ...randomTerms(150)]) {
      for (const route of ['query', 'facets']) {
        const r = await get(`/api/search/${route}?${toSearchParams({ term })}`);
        expect({ term, route, status: r.status }).toEqual({ term, route, status: 200 });
        const body: unknown = await r.json();
        // The engine writes the query's body itself: it must still be what the API documents.
        if (route === 'query') resultSetSchema.parse(body);
      }
    }
  });

  it('answers malformed percent-encoding and invalid UTF-8 without a server error', async () => {
    for (const raw of ['%ED%A0%80', '%E0%A4%A', '%', '%%', '%FF%FE', '%C0%AF']) {
      const r = await get(`/api/search/query?term=${raw}`);
      expect([200, 400]).toContain(r.status);
    }
  });

  it('still finds the words inside operator-laden input', async () => {
    const r = (await (await get(`/api/search/query?${toSearchParams({ term: '"playback" & !|(service):*' })}`)).json()) as SearchResultSet;
    expect(r.results[0]?.document.name).toBe('playback-service');
    const sqlish = (await (await get(`/api/search/query?${toSearchParams({ term: "playback'; drop table documents; --" })}`)).json()) as SearchResultSet;
    expect(sqlish.numberOfResults).toBe(0); // every word must match, and "drop" and "table" do not
    expect((await t.search({ term: '' })).numberOfResults).toBe(catalogCorpus.length);
  });

  it('rejects a term over the limit with a 400 that says the limit', async () => {
    for (const term of ['x'.repeat(101), 'playback '.repeat(200), 'a'.repeat(5_000)]) {
      const r = await get(`/api/search/query?${toSearchParams({ term })}`);
      expect(r.status).toBe(400);
      expect((await r.json()).error.message).toMatch(/term is \d+ characters long; at most 100/);
    }
  });

  it.each([
    ['pageLimit=0', /pageLimit must be a whole number from 1 to 100/],
    ['pageLimit=101', /pageLimit/],
    ['pageLimit=abc', /pageLimit/],
    ['types%5B0%5D=no-such-type', /unknown document type "no-such-type"; known types are software-catalog/],
    ['filters%5Bbad%20key!%5D=x', /filters\[bad key!\]/],
    ['filters%5Bkind%5D=a%00b', /NUL/],
    [`filters%5Bkind%5D=${'x'.repeat(600)}`, /longer than 512/],
    ['colour=blue', /Unknown query parameter "colour"/],
    ['filters=x', /Unknown query parameter "filters"/],
    ['types%5Ba%5D%5Bb%5D=x', /Unknown query parameter/],
  ])('rejects %s with a 400 naming the parameter', async (query, message) => {
    for (const route of ['query', 'facets']) {
      const r = await get(`/api/search/${route}?${query}`);
      expect(r.status).toBe(400);
      const body = (await r.json()) as { error: { name: string; message: string } };
      expect(body.error.name).toBe('InputError');
      expect(body.error.message).toMatch(message);
    }
  });

  it('rejects a NUL character in a page cursor or term with a 400 naming the parameter', async () => {
    // (Every plugin's routes answer so: PostgreSQL cannot store the character.)
    for (const [query, where] of [['pageCursor=%00', 'pageCursor'], ['term=%00', 'term'], ['term=a%00b', 'term']]) {
      const r = await get(`/api/search/query?${query}`);
      expect(r.status).toBe(400);
      expect((await r.json()).error.message).toBe(`The query parameter ${where} contains a NUL character (U+0000), which is not accepted`);
    }
  });

  it.each(['not-a-cursor', 'eyJwYWdlIjotMX0', 'eyJwYWdlIjoiMSJ9'])('rejects the page cursor %s with a 400', async (cursor) => {
    const r = await get(`/api/search/query?pageCursor=${cursor}`);
    expect(r.status).toBe(400);
    expect((await r.json()).error.message).toMatch(/pageCursor is not a cursor this API returned/);
  });

  it('accepts filter values with quotes and operators as plain values', async () => {
    const r = await t.search({ term: '', filters: { owner: "group:default/x' or '1'='1", kind: ['%', '*'] } });
    expect(r).toMatchObject({ results: [], numberOfResults: 0 });
  });

  it('requires sign-in', async () => {
    expect((await fetch(`${t.url}/api/search/query?term=x`)).status).toBe(401);
  });
});
