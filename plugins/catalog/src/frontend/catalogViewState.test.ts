import { describe, expect, it } from 'vitest';
import { byQueryParams, entityFilterParam, parseViewState, serializeViewState } from './catalogViewState';

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
    expect(byQueryParams(parse('q=play'), 'metadata.name')).toMatchObject({
      filter: 'kind=component', orderField: 'metadata.name,asc', fullTextFilterTerm: 'play', fullTextFilterFields: 'metadata.name,metadata.title',
    });
    const later = byQueryParams(parse('q=play&cursor=xyz&page=2'), 'metadata.name');
    expect(later).toMatchObject({ cursor: 'xyz', limit: 20 });
    expect(later).not.toHaveProperty('filter');
  });
});
