import { z } from 'zod';
import { InputError, type AtriumFastify } from '@atrium/backend';
import type { CatalogRoutesDeps } from './deps.js';
import { decodeCursor } from './cursor.js';
import { queryEntities } from './queryEntities.js';
import {
  nonNegativeInt, parseFieldsParam, parseFilterParam, parseFullTextFieldsParam, parseOrderFieldParam, repeatable,
} from './queryParams.js';

/** Backstage's default page size for `/entities/by-query`. */
const DEFAULT_LIMIT = 20;

/** `GET /entities/by-query`: filtered, sorted, full-text-filtered pages with cursors. */
export function queryRoutes(app: AtriumFastify, deps: CatalogRoutesDeps): void {
  app.get('/entities/by-query', {
    schema: {
      querystring: z.object({
        filter: repeatable,
        fields: repeatable,
        orderField: repeatable,
        fullTextFilterTerm: z.string().optional(),
        fullTextFilterFields: repeatable,
        limit: nonNegativeInt,
        offset: nonNegativeInt,
        cursor: z.string().optional(),
      }),
    },
  }, async (request) => {
    const q = request.query;
    const fields = parseFieldsParam(q.fields);
    const limit = q.limit ?? DEFAULT_LIMIT;
    // With a cursor, the query it carries wins over filter/orderField/fullText parameters (as in Backstage).
    if (q.cursor !== undefined) {
      if (q.cursor === '') throw new InputError('Malformed cursor parameter, it is empty');
      return queryEntities(deps.catalog, { start: { cursor: decodeCursor(q.cursor) }, limit, fields });
    }
    const [orderField] = parseOrderFieldParam(q.orderField);
    const term = q.fullTextFilterTerm?.trim();
    const fullText = term
      ? { term, fields: parseFullTextFieldsParam(q.fullTextFilterFields) ?? [orderField?.field ?? 'metadata.uid'] }
      : undefined;
    return queryEntities(deps.catalog, {
      start: { filter: parseFilterParam(q.filter), orderField, fullText, offset: q.offset },
      limit,
      fields,
    });
  });
}
