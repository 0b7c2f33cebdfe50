import { describe, expect, it } from 'vitest';
import { byQueryRequest, entityFilterParam, entityFilterParams, parseViewState, serializeViewState } from './catalogViewState';

const parse = (query: string) => parseViewState(new URLSearchParams(query));

describe('catalog view state in the URL', () => {
  it('shows components sorted by name, 20 per page, when the URL says nothing', () => {
    expect(parse('')).toMatchObject({ kind: 'component', sort: 'name', direction: 'asc', limit: 20, page: 1, types: [], text: '' });
    expect(serializeViewState(parse('')).toString()).toBe('');
  });

  it('survives a round trip through the URL, so a shared link shows the same view', () => {
    const query = 'kind=api&type=openapi&type=grpc&owner=group%3Adefault%2Fplayback-team&tag=rest&q=play&sort=owner&dir=desc&limit=50&cursor=abc&page=3';
    const state = parse(query);
    expect(state).toMatchObject({ kind: 'api', types: ['openapi', 'grpc'], owners: ['group:default/playback-team'], limit: 50, page: 3 });
    expect(parse(serializeViewState(state).toString())).toEqual(state);
  });

  it('falls back to defaults for page sizes it does not offer and pages without a cursor', () => {
    expect(parse('limit=7&page=4')).toMatchObject({ limit: 20, page: 1, cursor: undefined });
  });

  it('filters by kind and any of several values per field, owners by relation', () => {
    expect(entityFilterParam({ kind: 'component', types: ['service', 'website'], owners: ['group:default/a'], lifecycles: [], tags: ['java'], namespace: 'default' }))
      .toBe('kind=component,spec.type=service,spec.type=website,relations.ownedby=group:default/a,metadata.tags=java,metadata.namespace=default');
  });

  it('sends only the cursor on later pages, and the text search over names and titles on the first', () => {
    const first = byQueryRequest(parse('q=play'), 'metadata.name', {})!;
    expect(first.path).toBe('?filter=kind%3Dcomponent');
    expect(first.query).toMatchObject({ orderField: 'metadata.name,asc', fullTextFilterTerm: 'play', fullTextFilterFields: 'metadata.name,metadata.title' });
    const later = byQueryRequest(parse('q=play&cursor=xyz&page=2'), 'metadata.name', {})!;
    expect(later).toEqual({ path: '', query: expect.objectContaining({ cursor: 'xyz', limit: 20 }) });
    expect(later.query).not.toHaveProperty('fullTextFilterTerm');
  });

  it('"owned by me" filters by the user and their teams instead of the chosen owners, and keeps the other filters', () => {
    const state = parse('only=owned&owner=group%3Adefault%2Fother&type=service');
    expect(state.scope).toBe('owned');
    expect(serializeViewState(state).get('only')).toBe('owned');
    expect(entityFilterParams(state, { ownedBy: ['user:default/tom', 'group:default/playback-team'] }))
      .toEqual(['kind=component,spec.type=service,relations.ownedby=user:default/tom,relations.ownedby=group:default/playback-team']);
    // Someone who owns nothing and is in no team gets no query at all, rather than everything.
    expect(entityFilterParams(state, { ownedBy: [] })).toEqual([]);
    expect(byQueryRequest(state, undefined, { ownedBy: [] })).toBeUndefined();
  });

  it('"starred" asks for each starred entity of the kind as an alternative, with the other filters in each', () => {
    const state = parse('only=starred&lifecycle=production');
    const starred = ['component:default/a', 'api:default/b', 'component:team-x/c'];
    expect(entityFilterParams(state, { starred })).toEqual([
      'kind=component,spec.lifecycle=production,metadata.namespace=default,metadata.name=a',
      'kind=component,spec.lifecycle=production,metadata.namespace=team-x,metadata.name=c',
    ]);
    expect(entityFilterParams(parse('only=starred&kind=group'), { starred })).toEqual([]);
  });

  it('ignores an unknown quick filter', () => {
    expect(parse('only=everything').scope).toBe('all');
  });
});
