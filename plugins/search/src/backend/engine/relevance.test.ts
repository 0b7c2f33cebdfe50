import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASE_CLIENTS } from '@atrium/backend/testing';
import { splitHighlight, type SearchFacetsResponse, type SearchResultSet } from '@atrium/plugin-search/common';
import { startSearchTestBackend, type SearchTestBackend } from '../searchTestBackend.js';
import { catalogCorpus, docsCorpus } from '../testCorpus.js';

const names = (r: SearchResultSet) => r.results.map((x) => String(x.type === 'techdocs' ? x.document.title : x.document.name));
const locations = (r: SearchResultSet) => r.results.map((x) => x.document.location);

// Both query plans: the one-scan plan of a small index (this corpus), and the capped legs of a large one.
const PLANS = [{ plan: 'small index', smallIndexDocuments: undefined }, { plan: 'capped legs', smallIndexDocuments: 0 }];
const CASES = TEST_DATABASE_CLIENTS.flatMap((client) => PLANS.map((p) => ({ client, ...p })));

describe.each(CASES)('search relevance on $client, $plan', ({ client, smallIndexDocuments }) => {
  let t: SearchTestBackend;
  beforeAll(async () => {
    t = await startSearchTestBackend({
      client,
      ...(smallIndexDocuments !== undefined && { config: { search: { smallIndexDocuments } } }),
      corpora: [
        { type: 'software-catalog', documents: () => catalogCorpus },
        { type: 'techdocs', documents: () => docsCorpus, textWeight: 'body' },
      ],
    });
    await t.indexed();
  });
  afterAll(() => t?.stop());

  it('puts the exact name first, above documents that repeat the word more often', async () => {
    expect(names(await t.search({ term: 'search' }))[0]).toBe('search');
    const playback = await t.search({ term: 'playback-service' });
    expect(playback.results[0]).toMatchObject({ type: 'software-catalog', rank: 1, document: { name: 'playback-service' } });
    // The same words with spaces or capitals are the same name.
    expect(names(await t.search({ term: 'Playback Service' }))[0]).toBe('playback-service');
  });

  it('forgives typos through trigram similarity', async () => {
    const r = await t.search({ term: 'plaback' });
    expect(names(r)[0]).toMatch(/^playback-/);
    expect(names(r)).toContain('playback-service');
    expect(names(await t.search({ term: 'billng' }))).toContain('billing-api');
  });

  it('matches the word being typed as a prefix', async () => {
    expect(names(await t.search({ term: 'playl' }))[0]).toBe('playlist-service');
    expect(names(await t.search({ term: 'bitr' }))).toEqual(expect.arrayContaining(['playback-service', 'Bitrates']));
  });

  it('matches a word of one or two letters being typed against the starts of names first', async () => {
    expect(names(await t.search({ term: 'p' }))[0]).toMatch(/^p/);
    const pl = await t.search({ term: 'pl' });
    expect(names(pl)[0]).toMatch(/^pl/);
    expect(names(pl)).toEqual(expect.arrayContaining(['playback-service', 'playlist-service']));
  });

  it('ranks title above description above body text', async () => {
    // "bitrate" is the title of a docs section, in a description, and in a docs body.
    const r = await t.search({ term: 'bitrates' });
    expect(locations(r)[0]).toBe('/docs/default/component/playback-service/runbook/#bitrates');
    expect(locations(r)).toContain('/catalog/default/component/playback-service');
  });

  it('filters by owner, kind and type, and restricts to document types', async () => {
    const byOwner = await t.search({ term: 'playback', filters: { owner: 'group:default/team-web' } });
    expect(names(byOwner)).toEqual(['playback-ui']);
    const twoOwners = await t.search({ term: '', filters: { owner: ['group:default/team-web', 'group:default/team-data'] } });
    expect(names(twoOwners).sort()).toEqual(['playback-ui', 'search', 'search-indexer']);
    expect(names(await t.search({ term: '', filters: { kind: 'api' } }))).toEqual(['billing-api']);
    expect(names(await t.search({ term: '', filters: { kind: 'Component', type: 'website' } }))).toEqual(['playback-ui']);
    const docsOnly = await t.search({ term: 'playback', types: ['techdocs'] });
    expect(docsOnly.results.length).toBeGreaterThan(0);
    expect(docsOnly.results.every((x) => x.type === 'techdocs')).toBe(true);
    expect(names(await t.search({ term: '', filters: { tags: 'audio' } }))).toEqual(['playback-service']);
  });

  it('excludes words with a minus and keeps quoted words together', async () => {
    expect(names(await t.search({ term: 'playback -web' }))).not.toContain('playback-ui');
    expect(names(await t.search({ term: '"playback service"', types: ['software-catalog'] }))).toEqual(
      expect.arrayContaining(['playback-service', 'playback-ui', 'playlist-service']),
    );
    expect(names(await t.search({ term: '"service playback"', types: ['software-catalog'] }))).not.toContain('playback-ui');
  });

  it('matches a phrase in any word form, across a left-out small word, never with its words apart', async () => {
    // "Streams audio to listeners at the right bitrate"
    const catalog = async (term: string) => names(await t.search({ term, types: ['software-catalog'] }));
    expect(await catalog('"stream audio"')).toEqual(['playback-service']);
    expect(await catalog('"audio to listeners"')).toEqual(['playback-service']);
    expect(await catalog('"audio listeners"')).toEqual([]);
    expect(await catalog('"right bitrates" audio')).toEqual(['playback-service']);
    expect(await catalog('"right bitrates" "streams audio"')).toEqual(['playback-service']);
    expect(await catalog('"to the"')).toEqual([]);
  });

  it('highlights the matching words between the returned tags', async () => {
    const r = await t.search({ term: 'audio' });
    const hit = r.results.find((x) => x.document.name === 'playback-service')!;
    const { preTag, postTag, fields } = hit.highlight!;
    expect(preTag).not.toBe(postTag);
    expect(splitHighlight(fields.text!, preTag, postTag)).toContainEqual({ text: 'audio', match: true });
    const title = (await t.search({ term: 'runbook' })).results[0]!.highlight!;
    expect(splitHighlight(title.fields.title!, title.preTag, title.postTag)).toEqual([{ text: 'Runbook', match: true }]);
  });

  it('highlights a match deep inside a long page', async () => {
    const filler = 'lorem ipsum dolor sit amet '.repeat(400);
    await t.writers.get('techdocs')!.upsert([{ title: 'Long page', text: `${filler}the zanzibar gateway ${filler}`, location: '/docs/default/component/long/' }]);
    const r = await t.search({ term: 'zanzibar' });
    const { preTag, postTag, fields } = r.results[0]!.highlight!;
    expect(splitHighlight(fields.text!, preTag, postTag)).toContainEqual({ text: 'zanzibar', match: true });
    await t.writers.get('techdocs')!.remove(['/docs/default/component/long/']);
  });

  it('places the highlight at the word, not at the same letters earlier inside another word', async () => {
    const filler = 'lorem ipsum dolor sit amet '.repeat(400);
    await t.writers.get('techdocs')!.upsert([{ title: 'Quirky page', text: `the bquokkax ${filler}a quokka gateway ${filler}`, location: '/docs/default/component/quirky/' }]);
    const r = await t.search({ term: 'quokka' });
    const { preTag, postTag, fields } = r.results[0]!.highlight!;
    expect(splitHighlight(fields.text!, preTag, postTag)).toContainEqual({ text: 'quokka', match: true });
    await t.writers.get('techdocs')!.remove(['/docs/default/component/quirky/']);
  });

  it('pages with cursors and counts every result', async () => {
    const first = await t.search({ term: '', pageLimit: 3 });
    expect(first.numberOfResults).toBe(catalogCorpus.length + docsCorpus.length);
    expect(first.results).toHaveLength(3);
    expect(first.previousPageCursor).toBeUndefined();
    const second = await t.search({ term: '', pageLimit: 3, pageCursor: first.nextPageCursor! });
    expect(second.results.map((x) => x.rank)).toEqual([4, 5, 6]);
    expect(new Set([...locations(first), ...locations(second)]).size).toBe(6);
    const back = await t.search({ term: '', pageLimit: 3, pageCursor: second.previousPageCursor! });
    expect(locations(back)).toEqual(locations(first));
    const last = await t.search({ term: '', pageLimit: 3, pageCursor: 'eyJwYWdlIjo5fQ' });
    expect(last).toMatchObject({ results: [], numberOfResults: 10 });
  });

  it('counts facets, each without its own filter so other values stay selectable', async () => {
    const r = await t.fetch('/api/search/facets?term=&filters%5Bowner%5D=group%3Adefault%2Fteam-web');
    const facets = (await r.json()) as SearchFacetsResponse;
    expect(facets.types).toEqual({ 'software-catalog': 2 });
    expect(facets.facets.owner).toEqual(expect.arrayContaining([
      { value: 'group:default/team-playback', count: 5 }, { value: 'group:default/team-web', count: 2 },
    ]));
    expect(facets.facets.kind).toEqual([{ value: 'Component', count: 2 }]);
    expect(facets.facets.tags).toEqual([]);
  });

  it('reads Backstage\'s bracket query encoding (indexed, empty brackets, repeated keys)', async () => {
    const variants = ['types%5B0%5D=techdocs', 'types%5B%5D=techdocs', 'types=techdocs'];
    for (const v of variants) {
      const r = (await (await t.fetch(`/api/search/query?term=playback&${v}`)).json()) as SearchResultSet;
      expect(r.results.every((x) => x.type === 'techdocs')).toBe(true);
    }
    const multi = (await (await t.fetch('/api/search/query?term=&filters%5Bkind%5D%5B0%5D=api&filters%5Bkind%5D%5B1%5D=group')).json()) as SearchResultSet;
    expect(names(multi).sort()).toEqual(['billing-api', 'team-web']);
  });
});
