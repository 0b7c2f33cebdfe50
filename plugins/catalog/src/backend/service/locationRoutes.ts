import { z } from 'zod';
import { ConflictError, InputError, NotAllowedError, NotFoundError, type AtriumFastify } from '@atrium/backend';
import { matchFilterIndex, stringifyEntityRef } from '@atrium/model';
import { removeStale, upsertEmitted } from '../database/entityRows.js';
import { hashOf } from '../database/hash.js';
import { parseLocationRef, type LocationSpec } from '../ingestion/index.js';
import { locationEntityFor } from '../providers/locationEntity.js';
import type { CatalogRoutesDeps } from './deps.js';
import { entityRow } from './entityQueries.js';
import { previewLocation } from './previewLocation.js';
import { parsePredicate, refOf, UUID } from './queryParams.js';

/** Registered locations live in the `locations` provider's bucket as root Location entities. */
const PROVIDER = 'locations';

const locationShape = (row: { id: string; type: string; target: string }) => ({ id: row.id, type: row.type, target: row.target });

const DEFAULT_LOCATIONS_LIMIT = 100;

/** `POST /locations/by-query` cursors: the query and where the next page starts (locations are few). */
function encodeLocationCursor(c: { query: unknown; offset: number }): string {
  return Buffer.from(JSON.stringify(c), 'utf8').toString('base64url');
}

function decodeLocationCursor(text: string): { query?: Record<string, unknown>; offset: number } {
  const parsed = z.object({ query: z.record(z.string(), z.unknown()).optional(), offset: z.number().int().min(0) })
    .safeParse((() => { try { return JSON.parse(Buffer.from(text, 'base64url').toString('utf8')); } catch { return undefined; } })());
  if (!parsed.success) throw new InputError('Malformed cursor, it is not a cursor this server issued');
  return parsed.data;
}

/** Backstage's location endpoints: list, get, register (with dry run), unregister, and an entity's location. */
export function locationRoutes(app: AtriumFastify, deps: CatalogRoutesDeps): void {
  const c = deps.catalog;
  const byId = async (id: string) => (UUID.test(id) ? c.db.selectFrom('locations').select(['id', 'type', 'target']).where('id', '=', id).executeTakeFirst() : undefined);

  app.get('/locations', async () => {
    const rows = await c.db.selectFrom('locations').select(['id', 'type', 'target']).orderBy('created_at').orderBy('id').execute();
    return rows.map((r) => ({ data: locationShape(r) }));
  });

  // The newer paged form, with a predicate over id, type and target (`{ type: 'url' }`, `{ target: { $hasPrefix: … } }`).
  app.post('/locations/by-query', {
    schema: {
      body: z.object({
        query: z.record(z.string(), z.unknown()).optional(),
        cursor: z.string().min(1, 'cursor is empty').optional(),
        limit: z.number().int().min(1).max(10_000).optional(),
      }),
    },
  }, async (request) => {
    const b = request.body;
    const { query, offset } = b.cursor !== undefined ? decodeLocationCursor(b.cursor) : { query: b.query, offset: 0 };
    const filter = query === undefined ? undefined : parsePredicate(query);
    const limit = b.limit ?? DEFAULT_LOCATIONS_LIMIT;
    const rows = await c.db.selectFrom('locations').select(['id', 'type', 'target']).orderBy('created_at').orderBy('id').execute();
    const matching = rows.filter((r) => matchFilterIndex(filter, new Map([
      ['id', new Set([r.id.toLowerCase()])], ['type', new Set([r.type.toLowerCase()])], ['target', new Set([r.target.toLowerCase()])],
    ])));
    const page = matching.slice(offset, offset + limit);
    const next = offset + limit < matching.length ? encodeLocationCursor({ query, offset: offset + limit }) : undefined;
    return { items: page.map(locationShape), totalItems: matching.length, pageInfo: next ? { nextCursor: next } : {} };
  });

  app.get('/locations/:id', { schema: { params: z.object({ id: z.string() }) } }, async (request) => {
    const row = await byId(request.params.id);
    if (!row) throw new NotFoundError(`Found no location with ID ${request.params.id}`);
    return locationShape(row);
  });

  app.post('/locations', {
    schema: {
      querystring: z.object({ dryRun: z.enum(['true', 'false']).optional() }),
      body: z.object({ type: z.string().min(1), target: z.string().min(1), presence: z.enum(['required', 'optional']).optional() }),
    },
  }, async (request, reply) => {
    const { type, target } = request.body;
    const dryRun = request.query.dryRun === 'true';
    if (!deps.allowedLocationTypes.includes(type)) {
      throw new InputError(`Registered locations must be of an allowed type ${JSON.stringify(deps.allowedLocationTypes)}, not "${type}"`);
    }
    if (!dryRun && deps.readonly) throw new NotAllowedError('This catalog is read-only; locations cannot be registered');
    const existing = await c.db.selectFrom('locations').select(['id', 'type', 'target']).where('type', '=', type).where('target', '=', target).executeTakeFirst();

    if (dryRun) {
      const preview = await previewLocation(deps, { type, target } as LocationSpec);
      if (preview.errors.length > 0) throw new InputError(`Location ${type}:${target} has problems: ${preview.errors.join('; ')}`);
      const location = existing ? locationShape(existing) : { id: `dry-run-${hashOf(`${type}:${target}`).slice(0, 16)}`, type, target };
      return reply.code(201).send({ location, entities: preview.entities, exists: Boolean(existing) });
    }

    if (existing) throw new ConflictError(`Location ${type}:${target} already exists`);
    // The unique (type, target) constraint settles concurrent registrations of the same location.
    const inserted = await c.db.insertInto('locations').values({ type, target }).onConflict((oc) => oc.columns(['type', 'target']).doNothing())
      .returning(['id', 'type', 'target']).executeTakeFirst();
    if (!inserted) throw new ConflictError(`Location ${type}:${target} already exists`);
    const entity = locationEntityFor({ type, target });
    const ref = stringifyEntityRef(entity);
    const { conflicts } = await upsertEmitted(c, { provider: PROVIDER }, [{ ref, entity, locationKey: `${type}:${target}` }], new Map([[ref, hashOf(entity)]]));
    for (const conflict of conflicts) deps.logger.warn(`Registered location ${conflict.locationKey} is already in the catalog from ${conflict.existingLocationKey}`);
    deps.engine.wake();
    return reply.code(201).send({ location: locationShape(inserted), entities: [] });
  });

  // Points a registered location elsewhere: what the old target emitted goes, the new target is read.
  app.put('/locations/:id', {
    schema: { params: z.object({ id: z.string() }), body: z.object({ type: z.string().min(1), target: z.string().min(1) }) },
  }, async (request) => {
    if (deps.readonly) throw new NotAllowedError('This catalog is read-only; locations cannot be changed');
    const { type, target } = request.body;
    if (!deps.allowedLocationTypes.includes(type)) {
      throw new InputError(`Registered locations must be of an allowed type ${JSON.stringify(deps.allowedLocationTypes)}, not "${type}"`);
    }
    const row = await byId(request.params.id);
    if (!row) throw new NotFoundError(`Found no location with ID ${request.params.id}`);
    if (row.type === type && row.target === target) return locationShape(row);
    const updated = await c.db.updateTable('locations').set({ type, target }).where('id', '=', row.id)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('locations').select('id').where('type', '=', type).where('target', '=', target))))
      .returning(['id', 'type', 'target']).executeTakeFirst();
    if (!updated) throw new ConflictError(`Location ${type}:${target} already exists`);
    await syncRegisteredLocations();
    return locationShape(updated);
  });

  app.delete('/locations/:id', { schema: { params: z.object({ id: z.string() }) } }, async (request, reply) => {
    if (deps.readonly) throw new NotAllowedError('This catalog is read-only; locations cannot be removed');
    const row = await byId(request.params.id);
    if (!row) throw new NotFoundError(`Found no location with ID ${request.params.id}`);
    await c.db.deleteFrom('locations').where('id', '=', row.id).execute();
    await syncRegisteredLocations();
    return reply.code(204).send();
  });

  /**
   * Makes the bucket of registered Location entities match the table: entities of registrations that
   * are gone are removed with everything read through them, whatever else happened meanwhile, and
   * each registration has its entity.
   */
  async function syncRegisteredLocations() {
    const remaining = await c.db.selectFrom('locations').select(['type', 'target']).execute();
    const entities = remaining.map((l) => ({ l, entity: locationEntityFor(l) }));
    await removeStale(c, { provider: PROVIDER }, entities.map((x) => stringifyEntityRef(x.entity)), 'delete');
    deps.aggregates?.invalidate(); // entities went: counts change now, not only when neighbours restitch
    const emitted = entities.map(({ l, entity }) => ({ ref: stringifyEntityRef(entity), entity, locationKey: `${l.type}:${l.target}` }));
    await upsertEmitted(c, { provider: PROVIDER }, emitted, new Map(emitted.map((e) => [e.ref, hashOf(e.entity)])));
    deps.engine.wake();
  }

  app.get('/locations/by-entity/:kind/:namespace/:name', {
    schema: { params: z.object({ kind: z.string().min(1), namespace: z.string().min(1), name: z.string().min(1) }) },
  }, async (request) => {
    const ref = refOf(request.params);
    const row = await entityRow(c, { ref });
    if (!row) throw new NotFoundError(`Found no entity ${ref}`);
    const annotations = (row.final.metadata as { annotations?: Record<string, string> } | undefined)?.annotations ?? {};
    const origin = parseLocationRef(annotations['backstage.io/managed-by-origin-location'] ?? '');
    if (!origin) throw new NotFoundError(`Entity ${ref} has no origin location`);
    const location = await c.db.selectFrom('locations').select(['id', 'type', 'target'])
      .where('type', '=', origin.type).where('target', '=', origin.target).executeTakeFirst();
    if (!location) throw new NotFoundError(`Entity ${ref} did not come from a registered location`);
    return locationShape(location);
  });
}
