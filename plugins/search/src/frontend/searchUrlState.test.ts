import { describe, expect, it } from 'vitest';
import { readSearchState, toApiQuery, toggleFilter, writeSearchState } from './searchUrlState';

describe('search page URL state', () => {
  it('round-trips query, type, repeated filters and cursor through the URL', () => {
    const params = new URLSearchParams('query=play+back&types=techdocs&owner=group%3Adefault%2Fa&owner=group%3Adefault%2Fb&tags=java&cursor=abc&ignored=1');
    const state = readSearchState(params);
    expect(state).toEqual({ query: 'play back', type: 'techdocs', filters: { owner: ['group:default/a', 'group:default/b'], tags: ['java'] }, cursor: 'abc' });
    expect(writeSearchState(state).toString()).toBe('query=play+back&types=techdocs&owner=group%3Adefault%2Fa&owner=group%3Adefault%2Fb&tags=java&cursor=abc');
  });

  it('builds the API query and restarts paging when a filter changes', () => {
    const state = readSearchState(new URLSearchParams('query=x&kind=Component&cursor=c2'));
    expect(toApiQuery(state, 10)).toEqual({ term: 'x', filters: { kind: ['Component'] }, pageCursor: 'c2', pageLimit: 10 });
    const toggled = toggleFilter(state, 'kind', 'API');
    expect(toggled).toMatchObject({ filters: { kind: ['Component', 'API'] }, cursor: undefined });
    expect(toggleFilter(toggled, 'kind', 'Component').filters.kind).toEqual(['API']);
  });
});
