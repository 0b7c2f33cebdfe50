import { createApiClient, useApiQuery } from '@atrium/frontend';
import { keepPreviousData } from '@tanstack/react-query';
import {
  SEARCH_PLUGIN_ID, searchRoutes, toSearchParams, type SearchFacetsResponse, type SearchQuery, type SearchResultSet, type SearchTypesResponse,
} from '@atrium/plugin-search/common';

export const searchClient = createApiClient(SEARCH_PLUGIN_ID);

/** The client's query helper takes one value per key; Backstage's bracket encoding goes into the path instead. */
const withQuery = (path: string, query: Partial<SearchQuery>) => `${path}?${toSearchParams(query)}`;

export function fetchResults(query: Partial<SearchQuery>, signal?: AbortSignal): Promise<SearchResultSet> {
  return searchClient.get<SearchResultSet>(withQuery(searchRoutes.query, query), { signal });
}

/** One page of results. The previous page stays on screen while the next loads, so typing never flashes empty. */
export function useSearchResults(query: Partial<SearchQuery>, options: { enabled?: boolean } = {}) {
  return useApiQuery([SEARCH_PLUGIN_ID, 'query', query], (signal) => fetchResults(query, signal), {
    placeholderData: keepPreviousData, staleTime: 10_000, enabled: options.enabled ?? true,
  });
}

export function useSearchFacets(query: Pick<SearchQuery, 'term' | 'types' | 'filters'>) {
  return useApiQuery([SEARCH_PLUGIN_ID, 'facets', query], (signal) =>
    searchClient.get<SearchFacetsResponse>(withQuery(searchRoutes.facets, query), { signal }), { placeholderData: keepPreviousData, staleTime: 10_000 });
}

/** The document types the backend indexes (with counts), for the type tabs. */
export function useSearchTypes() {
  return useApiQuery([SEARCH_PLUGIN_ID, 'types'], (signal) => searchClient.get<SearchTypesResponse>(searchRoutes.types, { signal }), { staleTime: 60_000 });
}
