import { z } from 'zod';
import { sql } from 'kysely';
import { NotAllowedError, NotFoundError, type AtriumFastify } from '@atrium/backend';
import { deleteEntityRows, markRelationTargetsForStitch, table } from '../database/entityRows.js';
import type { CatalogRoutesDeps } from './deps.js';
import { entityText, finalsByRefs, projectionSql, responseEntity, type JsonObject } from './entityQueries.js';
import { entityFilterSql } from './filterSql.js';
import { sortValueOf } from './keyRows.js';
import {
  nonNegativeInt, parseAfterParam, parseFieldsParam, parseFilterParam, parseOrderParam, refOf, repeatable, stringifyAfter, UUID,
} from './queryParams.js';

const entityName = z.object({ kind: z.string().min(1), namespace: z.string().min(1), name: z.string().min(1) });

/** Backstage's entity endpoints: the (deprecated, still widely used) list, lookups by uid/name/refs, ancestry and deletion. */
export function entityRoutes(app: AtriumFastify, deps: CatalogRoutesDeps): void {
  const c = deps.catalog;

  app.get('/entities', {
    schema: { querystring: z.object({ filter: repeatable, fields: repeatable, order: repeatable, offset: nonNegativeInt, limit: nonNegativeInt, after: z.string().optional() }) },
  }, async (request, reply) => {
    const q = request.query;
    const filter = parseFilterParam(q.filter);
    const fields = parseFieldsParam(q.fields);
    const order = parseOrderParam(q.order);
    const page = q.after !== undefined ? { limit: q.limit, offset: q.offset, ...parseAfterParam(q.after) } : { limit: q.limit, offset: q.offset };
    // Sort values are lowercased, as Backstage sorts; the ref keeps pages stable.
    const orderBy = [
      ...order.map((o) => sql`${sortValueOf(c, o.field)} ${sql.raw(o.order)} nulls last`),
      sql`e.ref asc`,
    ];
    const { rows } = await sql<{ final: unknown }>`
      select ${projectionSql(fields)} as final from ${table(c, 'final_entities')} e
      where ${entityFilterSql(c, filter)}
      order by ${sql.join(orderBy)}
      ${page.limit !== undefined ? sql`limit ${page.limit + 1}` : sql``}
      ${page.offset !== undefined ? sql`offset ${page.offset}` : sql``}`.execute(c.db);
    if (page.limit !== undefined && rows.length > page.limit) {
      rows.pop();
      const url = new URL(request.url, 'http://ignored');
      url.searchParams.delete('offset');
      url.searchParams.delete('limit');
      url.searchParams.set('after', stringifyAfter({ limit: page.limit, offset: (page.offset ?? 0) + page.limit }));
      void reply.header('link', `<${url.pathname}${url.search}>; rel="next"`);
    }
    return rows.map((r) => responseEntity(r.final, fields));
  });

  app.get('/entities/by-uid/:uid', { schema: { params: z.object({ uid: z.string() }) } }, async (request) => {
    const entity = UUID.test(request.params.uid) ? await entityText(c, { id: request.params.uid }) : undefined;
    if (!entity) throw new NotFoundError(`No entity with uid ${request.params.uid}`);
    return entity;
  });

  app.delete('/entities/by-uid/:uid', { schema: { params: z.object({ uid: z.string() }) } }, async (request, reply) => {
    const { uid } = request.params;
    if (deps.readonly) throw new NotAllowedError('This catalog is read-only; entities cannot be removed');
    // 204 even when absent, as in Backstage.
    if (UUID.test(uid)) await removeEntity(deps, uid);
    return reply.code(204).send();
  });

  app.get('/entities/by-name/:kind/:namespace/:name', { schema: { params: entityName } }, async (request) => {
    const entity = await entityText(c, { ref: refOf(request.params) });
    if (!entity) throw new NotFoundError(`No entity named ${refOf(request.params)}`);
    return entity;
  });

  app.get('/entities/by-name/:kind/:namespace/:name/ancestry', { schema: { params: entityName } }, async (request) => {
    const rootRef = refOf(request.params);
    // Each entity has at most one parent here (the Location that emitted it), so ancestry is a chain.
    const { rows } = await sql<{ ref: string; parent_ref: string | null; final: JsonObject }>`
      with recursive chain(ref, parent_ref, final, depth) as (
        select e.ref, e.parent_ref, f.final, 0 from ${table(c, 'entities')} e join ${table(c, 'final_entities')} f on f.id = e.id where e.ref = ${rootRef}
        union all
        select e.ref, e.parent_ref, f.final, chain.depth + 1 from ${table(c, 'entities')} e join ${table(c, 'final_entities')} f on f.id = e.id
        join chain on e.ref = chain.parent_ref where chain.depth < 100
      )
      select ref, parent_ref, final from chain order by depth`.execute(c.db);
    if (rows.length === 0) throw new NotFoundError(`No entity named ${rootRef}`);
    const present = new Set(rows.map((r) => r.ref));
    return {
      rootEntityRef: rootRef,
      items: rows.map((r) => ({ entity: r.final, parentEntityRefs: r.parent_ref && present.has(r.parent_ref) ? [r.parent_ref] : [] })),
    };
  });

  // Atrium's own: when each entity's source was last read and when it will be next (About cards).
  // Like by-refs, aligned with the request and null for a missing entity (no 404 for a page to log).
  app.post('/entities/refresh-state', {
    schema: { body: z.object({ entityRefs: z.array(z.string().min(1)).max(1000) }) },
  }, async (request) => {
    const refs = request.body.entityRefs.map((r) => r.toLowerCase());
    const rows = refs.length === 0 ? [] : await c.db.selectFrom('entities as e').innerJoin('final_entities as f', 'f.id', 'e.id')
      .select(['e.ref', 'e.processed_at', 'e.next_refresh_at', 'e.updated_at'])
      .where('e.ref', 'in', [...new Set(refs)]).execute();
    const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
    const byRef = new Map(rows.map((r) => [r.ref, { entityRef: r.ref, processedAt: iso(r.processed_at), nextRefreshAt: iso(r.next_refresh_at)!, changedAt: iso(r.updated_at)! }]));
    return { items: refs.map((r) => byRef.get(r) ?? null) };
  });

  app.post('/entities/by-refs', {
    schema: {
      querystring: z.object({ filter: repeatable }),
      body: z.object({ entityRefs: z.array(z.string()), fields: z.array(z.string()).optional() }),
    },
  }, async (request) => {
    const fields = parseFieldsParam(request.body.fields);
    const refs = request.body.entityRefs.map((r) => r.trim().toLowerCase());
    const found = await finalsByRefs(c, refs, { fields, filter: parseFilterParam(request.query.filter) });
    return { items: refs.map((r) => found.get(r) ?? null) };
  });
}

/**
 * Deletes one entity as Backstage does: peers of its relations are restitched, and its parent is
 * reprocessed with its output hash cleared, so an entity its source still has comes back.
 */
async function removeEntity(deps: CatalogRoutesDeps, id: string): Promise<void> {
  const c = deps.catalog;
  const row = await c.db.selectFrom('entities').select(['ref', 'parent_ref']).where('id', '=', id).executeTakeFirst();
  if (!row) return;
  await markRelationTargetsForStitch(c, [id]);
  await deleteEntityRows(c, [id]);
  c.onRemoved?.([row.ref]);
  deps.aggregates?.invalidate();
  if (row.parent_ref) {
    await c.db.updateTable('entities').set({ result_hash: null, next_refresh_at: sql`now()` }).where('ref', '=', row.parent_ref).execute();
    deps.engine.wake();
  }
}
