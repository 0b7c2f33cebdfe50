import { z } from 'zod';
import { InputError } from '@atrium/backend';
import type { EntityFilter } from '@atrium/model';

/**
 * The `/entities/by-query` cursor: everything needed to continue the query (filter, order, full-text
 * filter, the total counted on the first page) plus the keyset position — the sort value and ref of
 * the row it continues from. Opaque to clients: base64url JSON. Only cursors of the predicate endpoint
 * have a `query` key, since Backstage's client sends cursors containing one to that endpoint.
 */
export interface QueryCursor {
  filter?: EntityFilter;
  orderField?: { field: string; order: 'asc' | 'desc' };
  fullText?: { term: string; fields: string[] };
  totalItems: number;
  /** Continue after (`next`) or before (`prev`) this position. */
  direction: 'next' | 'prev';
  position: { value: string | null; ref: string };
  /** Set on cursors of `POST /entities/by-query`: Backstage's client sends a cursor with a `query` key back there. */
  query?: true;
  /** The first page was asked not to count (`totalItems: exclude`): later pages report 0 too. */
  uncounted?: true;
}

const filterSchema: z.ZodType<EntityFilter> = z.lazy(() =>
  z.union([
    z.object({ type: z.literal('key'), key: z.string(), values: z.array(z.string()).optional() }),
    z.object({ type: z.literal('prefix'), key: z.string(), prefix: z.string() }),
    z.object({ type: z.literal('not'), filter: filterSchema }),
    z.object({ type: z.enum(['anyOf', 'allOf']), filters: z.array(filterSchema) }),
  ]),
) as z.ZodType<EntityFilter>;

const cursorSchema = z.object({
  filter: filterSchema.optional(),
  orderField: z.object({ field: z.string(), order: z.enum(['asc', 'desc']) }).optional(),
  fullText: z.object({ term: z.string(), fields: z.array(z.string()) }).optional(),
  totalItems: z.number().int().min(0),
  direction: z.enum(['next', 'prev']),
  position: z.object({ value: z.string().nullable(), ref: z.string() }),
  query: z.literal(true).optional(),
  uncounted: z.literal(true).optional(),
});

export function encodeCursor(cursor: QueryCursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

export function decodeCursor(text: string): QueryCursor {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw new InputError('Malformed cursor parameter, could not be parsed');
  }
  const parsed = cursorSchema.safeParse(json);
  if (!parsed.success) throw new InputError('Malformed cursor parameter, it is not a cursor this server issued');
  return parsed.data as QueryCursor;
}
