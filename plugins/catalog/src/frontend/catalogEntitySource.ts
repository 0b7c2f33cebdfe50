import { createApiClient, type EntitySource, type UnregisterPlan } from '@atrium/frontend';
import { parseEntityRef, stringifyEntityRef, type Entity } from '@atrium/model';
import {
  CATALOG_PLUGIN_ID, catalogRoutes, type CatalogLocation, type EntitiesRefreshStateResponse, type QueryEntitiesResponse,
} from '@atrium/plugin-catalog/common';
import { subscribeToCatalogChanges } from './liveUpdates';

const catalogApi = createApiClient(CATALOG_PLUGIN_ID);
const ORIGIN = 'backstage.io/managed-by-origin-location';
/** Entities listed in the confirmation; a location with more still goes as a whole. */
const PLAN_LIMIT = 500;

async function entitiesFromOrigin(origin: string, self: string): Promise<string[]> {
  // Commas separate filter conditions, so an origin holding one cannot be filtered on: list the entity alone.
  if (origin.includes(',')) return [self];
  const r = await catalogApi.get<QueryEntitiesResponse>(catalogRoutes.entitiesByQuery, {
    query: { filter: `metadata.annotations.${ORIGIN}=${origin}`, fields: 'kind,metadata.name,metadata.namespace', limit: PLAN_LIMIT },
  });
  const refs = r.items.map(e => stringifyEntityRef(e));
  return refs.includes(self) ? refs : [self, ...refs];
}

/**
 * Entity pages read and act on entities through the catalog's API. `POST /entities/by-refs` answers a
 * missing entity with `null` (not a 404 the browser would log as an error), shown as not found.
 */
export const catalogEntitySource: EntitySource = {
  async getEntity(entityRef: string): Promise<Entity | undefined> {
    const ref = stringifyEntityRef(parseEntityRef(entityRef));
    // The overview's relation cards will be needed next: fetch their code while the entity loads.
    void import('./RelatedEntitiesCard');
    const { items } = await catalogApi.post<{ items: Array<Entity | null> }>(catalogRoutes.entitiesByRefs, { entityRefs: [ref] });
    return items[0] ?? undefined;
  },

  async refreshEntity(entityRef: string) {
    await catalogApi.post(catalogRoutes.refresh, { entityRef });
  },

  async getRefreshState(entityRef: string) {
    const ref = stringifyEntityRef(parseEntityRef(entityRef));
    const { items } = await catalogApi.post<EntitiesRefreshStateResponse>(catalogRoutes.entitiesRefreshState, { entityRefs: [ref] });
    return items[0] ?? undefined;
  },

  /**
   * Like Backstage's unregister dialog: an entity from a registered location goes with that location
   * and all its entities; an orphan goes alone; anything else comes from config or a provider and
   * would come back, so it is refused with the reason.
   */
  async planUnregister(entity: Entity): Promise<UnregisterPlan> {
    const self = stringifyEntityRef(entity);
    const annotations = entity.metadata.annotations ?? {};
    const origin = annotations[ORIGIN];
    if (annotations['backstage.io/orphan'] === 'true' && entity.metadata.uid) {
      return { entityRefs: [self], entityUid: entity.metadata.uid, origin };
    }
    if (!origin) {
      return { entityRefs: [self], blockedReason: 'The catalog does not know where this entity came from, so there is no location to unregister.' };
    }
    // Listing locations (not GET /locations/by-entity) so an unregistered origin is not a 404 in the console.
    const locations = await catalogApi.get<Array<{ data: CatalogLocation }>>(catalogRoutes.locations);
    const location = locations.map(l => l.data).find(l => `${l.type}:${l.target}` === origin);
    if (!location) {
      return {
        entityRefs: [self], origin,
        blockedReason: 'It was not registered through the portal: it comes from the portal’s configuration (catalog.locations) or a discovery provider, and would come back at the next refresh. Remove it from its source or from the configuration instead.',
      };
    }
    return { location, origin, entityRefs: await entitiesFromOrigin(origin, self) };
  },

  async unregister(plan: UnregisterPlan) {
    if (plan.blockedReason) throw new Error(plan.blockedReason);
    if (plan.location) await catalogApi.delete(catalogRoutes.location.replace(':id', encodeURIComponent(plan.location.id)));
    else if (plan.entityUid) await catalogApi.delete(catalogRoutes.entityByUid.replace(':uid', encodeURIComponent(plan.entityUid)));
  },

  subscribe: subscribeToCatalogChanges,
};
