import { createApiClient, useApiQuery } from '@atrium/frontend';
import type { Entity } from '@atrium/model';
import { CATALOG_PLUGIN_ID, catalogRoutes, type QueryEntitiesResponse } from '@atrium/plugin-catalog/common';

const client = createApiClient(CATALOG_PLUGIN_ID);
const FIELDS = 'kind,metadata.name,metadata.namespace,metadata.title,metadata.description,spec.type,spec.profile,relations';
const PAGE = 500;

/** Every group in the catalog, read page by page over cursors (organisations have hundreds, rarely more). */
export function useAllGroups() {
  return useApiQuery([CATALOG_PLUGIN_ID, 'org', 'groups'], async signal => {
    const all: Entity[] = [];
    let cursor: string | undefined;
    do {
      const query = cursor ? { cursor, limit: PAGE, fields: FIELDS } : { filter: 'kind=group', limit: PAGE, fields: FIELDS };
      const r = await client.get<QueryEntitiesResponse>(catalogRoutes.entitiesByQuery, { query, signal });
      all.push(...r.items);
      cursor = r.pageInfo.nextCursor;
    } while (cursor);
    return all;
  });
}
