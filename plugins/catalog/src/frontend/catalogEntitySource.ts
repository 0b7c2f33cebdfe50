import { createApiClient, type EntitySource } from '@atrium/frontend';
import { parseEntityRef, stringifyEntityRef, type Entity } from '@atrium/model';

const catalogApi = createApiClient('catalog');

/**
 * Entity pages read their entity from the catalog's API. `POST /entities/by-refs` answers a missing
 * entity with `null` (not a 404 the browser would log as an error), which the page shows as not found.
 */
export const catalogEntitySource: EntitySource = {
  async getEntity(entityRef: string): Promise<Entity | undefined> {
    const ref = stringifyEntityRef(parseEntityRef(entityRef));
    const { items } = await catalogApi.post<{ items: Array<Entity | null> }>('/entities/by-refs', { entityRefs: [ref] });
    return items[0] ?? undefined;
  },
};
