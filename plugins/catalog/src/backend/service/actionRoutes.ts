import { z } from 'zod';
import { sql } from 'kysely';
import { InputError, NotFoundError, type AtriumFastify } from '@atrium/backend';
import { parseEntityRef, relationsFromSpec, stringifyEntityRef } from '@atrium/model';
import { table } from '../database/entityRows.js';
import type { CatalogRoutesDeps } from './deps.js';
import { validatorOf } from './previewLocation.js';

/** `POST /refresh` and `POST /validate-entity`. */
export function actionRoutes(app: AtriumFastify, deps: CatalogRoutesDeps): void {
  const c = deps.catalog;

  app.post('/refresh', {
    schema: { body: z.object({ entityRef: z.string().min(1), authorizationToken: z.string().optional() }) },
  }, async (request, reply) => {
    let ref: string;
    try {
      ref = stringifyEntityRef(parseEntityRef(request.body.entityRef));
    } catch (e) {
      throw new InputError(`Invalid entityRef: ${(e as Error).message}`);
    }
    // The entity's source is read again by its ancestors (the Location that emitted it, and so on up),
    // so all of them are due now; the engine's next claim picks them up.
    const { rows } = await sql<{ ref: string }>`
      with recursive chain(ref, parent_ref, depth) as (
        select ref, parent_ref, 0 from ${table(c, 'entities')} where ref = ${ref}
        union all
        select e.ref, e.parent_ref, chain.depth + 1 from ${table(c, 'entities')} e join chain on e.ref = chain.parent_ref where chain.depth < 100
      )
      update ${table(c, 'entities')} set next_refresh_at = now() where ref in (select ref from chain) returning ref`.execute(c.db);
    if (rows.length === 0) throw new NotFoundError(`No entity ${ref}`);
    deps.engine.wake();
    return reply.code(200).send();
  });

  app.post('/validate-entity', {
    schema: { body: z.object({ entity: z.record(z.string(), z.unknown()), location: z.string() }) },
  }, async (request, reply) => {
    const { entity, location } = request.body;
    // Backstage only accepts url locations here: the entity is checked as if read from that URL.
    if (!location.startsWith('url:')) throw new InputError(`Invalid location ${location}, only url: locations are supported`);
    const result = validatorOf(deps).validateEntity(entity);
    const errors = result.errors.map((e) => ({ name: 'ValidationError', message: e.field ? `${e.field}: ${e.message}` : e.message }));
    if (result.entity && errors.length === 0) {
      for (const e of relationsFromSpec(result.entity).errors) errors.push({ name: 'ValidationError', message: e.field ? `${e.field}: ${e.message}` : e.message });
    }
    // The client reads `errors` from a 400, not the usual error body.
    if (errors.length > 0) return reply.code(400).send({ errors });
    return reply.code(200).send();
  });
}
