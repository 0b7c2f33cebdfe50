import { createApiClient, useApiQuery } from '@atrium/frontend';
import { keepPreviousData } from '@tanstack/react-query';
import { CATALOG_PLUGIN_ID, catalogRoutes } from '@atrium/plugin-catalog/common';
import type { EntitiesByRefsResponse, EntityFacetsResponse, QueryEntitiesResponse } from '@atrium/plugin-catalog/common';
import type { Entity } from '@atrium/model';
import { byQueryRequest, type CatalogViewState, type ScopeRefs } from './catalogViewState';

const client = createApiClient(CATALOG_PLUGIN_ID);

/** Facets the catalog page filters by, beside `kind`. */
export const FILTER_FACETS = ['spec.type', 'relations.ownedby', 'spec.lifecycle', 'metadata.tags', 'metadata.namespace'] as const;

const NOTHING: QueryEntitiesResponse = { items: [], totalItems: 0, pageInfo: {} };

/**
 * One page of the catalog table. The previous page stays on screen while the next one loads. A quick
 * filter that cannot match anything (no stars of this kind) answers empty without a request.
 */
export function useCatalogPage(state: CatalogViewState, orderField: string | undefined, scope: ScopeRefs, enabled = true) {
  const request = byQueryRequest(state, orderField, scope);
  return useApiQuery([CATALOG_PLUGIN_ID, 'by-query', request ?? 'nothing'], signal =>
    request ? client.get<QueryEntitiesResponse>(`${catalogRoutes.entitiesByQuery}${request.path}`, { query: request.query, signal }) : Promise.resolve(NOTHING),
  { placeholderData: keepPreviousData, enabled });
}

/** Counts per kind, for the kind selector. */
export function useKindFacet() {
  return useApiQuery([CATALOG_PLUGIN_ID, 'facets', 'kind'], signal =>
    client.get<EntityFacetsResponse>(catalogRoutes.entityFacets, { query: { facet: 'kind' }, signal }).then(r => r.facets.kind ?? []));
}

/** Filter options with counts among the entities of one kind. */
export function useFilterFacets(kind: string) {
  return useApiQuery([CATALOG_PLUGIN_ID, 'facets', 'filters', kind], async signal => {
    // The client takes one value per parameter, so the repeated `facet` goes into the path.
    const facets = FILTER_FACETS.map(f => `facet=${encodeURIComponent(f)}`).join('&');
    const r = await client.get<EntityFacetsResponse>(`${catalogRoutes.entityFacets}?${facets}`, { query: { filter: `kind=${kind}` }, signal });
    return r.facets;
  }, { placeholderData: keepPreviousData });
}

/** Fields relation cards show for each related entity. */
export const CARD_FIELDS = ['kind', 'metadata.name', 'metadata.namespace', 'metadata.title', 'metadata.description', 'spec.type', 'spec.profile'];

/** The entities behind a list of refs, in one request, aligned with `refs` (null where a ref does not resolve). */
export function useEntitiesByRefs(refs: readonly string[], fields: readonly string[] = CARD_FIELDS) {
  return useApiQuery([CATALOG_PLUGIN_ID, 'by-refs', refs, fields], async (signal): Promise<Array<Entity | null>> => {
    if (refs.length === 0) return [];
    const r = await client.post<EntitiesByRefsResponse>(catalogRoutes.entitiesByRefs, { entityRefs: refs, fields }, { signal });
    return r.items;
  });
}
