import { sql, type RawBuilder } from 'kysely';
import { PREPARE } from '@atrium/backend';
import type { EntityFilter } from '@atrium/model';
import { table, type CatalogDb } from '../database/entityRows.js';
import { encodeCursor, type QueryCursor } from './cursor.js';
import { projectionSql, responseEntity, type JsonObject } from './entityQueries.js';
import { RawJson } from './rawJson.js';
import { entityFilterSql, fullTextSql } from './filterSql.js';
import { sortValueOf } from './keyRows.js';
import type { AggregateCache } from './aggregateCache.js';
import { EntityTextCache } from './entityTextCache.js';

export interface QueryEntitiesInput {
  /** The first page's parameters, or the cursor of a later one. */
  start: { filter?: EntityFilter; orderField?: QueryCursor['orderField']; fullText?: QueryCursor['fullText']; offset?: number } | { cursor: QueryCursor };
  limit: number;
  fields?: string[][];
  /** Skip counting the matches (`totalItems=exclude`): `totalItems` is then 0. */
  excludeTotal?: boolean;
  /** The request came to the predicate endpoint: its cursors say so. */
  predicate?: boolean;
  /** Totals reused for a moment (see aggregateCache.ts). */
  aggregates?: AggregateCache;
  /** Whole entities' bytes by etag (see entityTextCache.ts); without it every page reads them all. */
  texts?: EntityTextCache;
}

export interface QueryEntitiesOutput {
  /** Whole entities come as one JSON text (the array), projections as objects. */
  items: RawJson | Array<RawJson | JsonObject>;
  totalItems: number;
  pageInfo: { nextCursor?: string; prevCursor?: string };
}

interface Row { id: string; ref: string; v: string | null }

/** Up to this many full-text matches are found before they are ordered (see `fence`). */
const FEW_MATCHES = 10_000;

/**
 * `/entities/by-query`: keyset paging on (sort value, ref), so page 500 costs what page 1 does. The
 * sort value is the entity's (lowercased) search value for the order field, nulls last in both
 * directions as in Backstage; without an order field, entities come in ref order. The total is
 * counted once, on the first page, and carried in the cursor.
 */
export async function queryEntities(c: CatalogDb, input: QueryEntitiesInput): Promise<QueryEntitiesOutput> {
  const cursor = 'cursor' in input.start ? input.start.cursor : undefined;
  const q = cursor ?? (input.start as Exclude<QueryEntitiesInput['start'], { cursor: QueryCursor }>);
  const order = q.orderField?.order ?? 'asc';
  const backwards = cursor?.direction === 'prev';

  const conditions: RawBuilder<unknown>[] = [entityFilterSql(c, q.filter)];
  if (q.fullText) conditions.push(fullTextSql(c, q.fullText.term, q.fullText.fields));
  const where = sql.join(conditions, sql` and `);

  const uncounted = cursor ? cursor.uncounted === true : input.excludeTotal === true;
  const count = async () => Number((await sql<{ n: string | number }>`select count(*) as n from ${table(c, 'final_entities')} e where ${where}`.execute(c.db)).rows[0]?.n ?? 0);
  const totalItems = cursor
    ? cursor.totalItems
    : uncounted ? 0 : await (input.aggregates ? input.aggregates.get(JSON.stringify(['count', q.filter ?? null, q.fullText ?? null]), count) : count());
  if (input.limit === 0) return { items: [], totalItems, pageInfo: {} };

  const sortValue = q.orderField
    ? sortValueOf(c, q.orderField.field)
    : sql`null::text`;
  // Walking backwards flips the comparison and the order; the page is reversed afterwards.
  const dir = (order === 'asc') !== backwards ? 'asc' : 'desc';
  const op = sql.raw(dir === 'asc' ? '>' : '<');
  const nulls = sql.raw(backwards ? 'nulls first' : 'nulls last');
  const keyset = cursor ? keysetSql(cursor.position, op, backwards, Boolean(q.orderField)) : sql`true`;
  const offset = !cursor && 'offset' in q && q.offset ? sql`offset ${q.offset}` : sql``;
  // A full-text term's matches cluster in ref order (names that share the term share a prefix), and
  // the planner, expecting them spread evenly, walks the ref index until the page fills: 17,000
  // rows for 21 at 100,000 entities (27 ms), against 4 ms through the trigram index for all 1,111
  // matches. When the count says the matches are few, `offset 0` has the matches found first.
  const fence = q.fullText && !uncounted && totalItems <= FEW_MATCHES ? sql`offset 0` : sql``;
  const orderOf = (alias: string) => sql`${q.orderField ? sql`${sql.ref(`${alias}.v`)} ${sql.raw(dir)} ${nulls}, ` : sql``}${sql.ref(`${alias}.ref`)} ${sql.raw(dir)}`;
  const pageSql = sql`
    page as materialized (
      select id, ref, v from (select e.id, e.ref, ${sortValue} as v from ${table(c, 'final_entities')} e where ${where} ${fence}) f
      where ${keyset}
      order by ${orderOf('f')}
      limit ${input.limit + 1} ${offset}
    )`;

  const base: Omit<QueryCursor, 'direction' | 'position'> = {
    filter: q.filter, orderField: q.orderField, fullText: q.fullText, totalItems,
    ...(input.predicate || cursor?.query ? { query: true as const } : {}),
    ...(uncounted ? { uncounted: true as const } : {}),
  };
  const at = (row: Omit<Row, 'id'>, direction: 'next' | 'prev') => encodeCursor({ ...base, direction, position: { value: row.v, ref: row.ref } });
  const pageInfoOf = (first: Omit<Row, 'id'> | undefined, last: Omit<Row, 'id'> | undefined, more: boolean) => {
    const pageInfo: QueryEntitiesOutput['pageInfo'] = {};
    if (last && (backwards || more)) pageInfo.nextCursor = at(last, 'next');
    if (first && cursor && (!backwards || more)) pageInfo.prevCursor = at(first, 'prev');
    return pageInfo;
  };

  const texts = input.texts ?? new EntityTextCache(0);
  if (!input.fields && !q.orderField) {
    // Whole entities in ref order (the default, and what lists page through): one scan of the page's
    // rows for their ids and etags, as one JSON value; the entities' texts come from the cache, and
    // those it lacks in one more query. The cursors' ends are the smallest and largest ref. `i`
    // numbers the rows in walking order; row limit + 1 only says whether there are more.
    const { rows } = await sql<{ n: number; keys: Array<[string, string]> | null; lo: string | null; hi: string | null }>`${sql.raw(PREPARE)}
      select count(*)::int as n, json_agg(json_build_array(id, etag) order by i ${sql.raw(backwards ? 'desc' : 'asc')}) filter (where i <= ${input.limit}) as keys,
        min(ref) filter (where i <= ${input.limit}) as lo, max(ref) filter (where i <= ${input.limit}) as hi
      from (
        select id, etag, ref, row_number() over (order by ref ${sql.raw(dir)}) as i from (
          select id, etag, ref from (select e.id, e.etag, e.ref from ${table(c, 'final_entities')} e where ${where} ${fence}) m
          where ${keyset}
          order by ref ${sql.raw(dir)}
          limit ${input.limit + 1} ${offset}
        ) rows
      ) page`.execute(c.db);
    const r = rows[0]!;
    const [first, last] = r.lo === null || r.hi === null ? [undefined, undefined] : [{ ref: r.lo, v: null }, { ref: r.hi, v: null }];
    const parts: Array<string | Buffer> = ['['];
    (await entityBytes(c, texts, r.keys ?? [])).forEach((bytes, i) => parts.push(...(i > 0 ? [',', bytes] : [bytes])));
    parts.push(']');
    return { items: new RawJson(parts), totalItems, pageInfo: pageInfoOf(first, last, r.n > input.limit) };
  }

  // Sorted by a field, or projected: the page, then its entities' etags (or fields) for its rows only.
  const { rows } = await sql<Row & { final: unknown }>`${sql.raw(PREPARE)}
    with ${pageSql}
    select p.id, p.ref, p.v, ${input.fields ? projectionSql(input.fields) : sql`e.etag`} as final from page p join ${table(c, 'final_entities')} e on e.id = p.id
    -- The join does not keep the page's order; sorting its few rows again does (in the database's collation).
    order by ${orderOf('p')}`.execute(c.db);

  const more = rows.length > input.limit;
  const page = rows.slice(0, input.limit);
  if (backwards) page.reverse();
  const pageInfo = pageInfoOf(page[0], page[page.length - 1], more);
  if (input.fields) return { items: page.map((r) => responseEntity(r.final, input.fields)), totalItems, pageInfo };
  const bytes = await entityBytes(c, texts, page.map((r) => [r.id, r.final as string]));
  return { items: bytes.map((b) => new RawJson([b])), totalItems, pageInfo };
}

/**
 * The entities' stored texts as bytes, in the order of `keys` (id, etag): from the cache, else read
 * (and cached) in one query. An entity deleted since its key was read is left out; one changed since
 * comes in its newer form.
 */
async function entityBytes(c: CatalogDb, cache: EntityTextCache, keys: Array<[string, string]>): Promise<Buffer[]> {
  const found = keys.map(([id, etag]) => cache.get(id, etag));
  const missing = keys.filter((_, i) => found[i] === undefined).map(([id]) => id);
  if (missing.length === 0) return found as Buffer[];
  const { rows } = await sql<{ id: string; etag: string; final_text: string }>`${sql.raw(PREPARE)}
    select id, etag, final_text from ${table(c, 'final_entities')} where id = any(${missing}::uuid[])`.execute(c.db);
  const read = new Map(rows.map((row) => [row.id, cache.set(row.id, row.etag, row.final_text)]));
  const out: Buffer[] = [];
  keys.forEach(([id], i) => {
    const bytes = found[i] ?? read.get(id);
    if (bytes) out.push(bytes);
  });
  return out;
}

/** Rows strictly after the position in walking order; `op` is already flipped when walking backwards. */
function keysetSql(position: QueryCursor['position'], op: RawBuilder<unknown>, backwards: boolean, sorted: boolean): RawBuilder<unknown> {
  const { value, ref } = position;
  if (!sorted) return sql`ref ${op} ${ref}`;
  // Nulls sort last going forwards, so they come first when walking backwards.
  if (!backwards) {
    return value === null
      ? sql`(v is null and ref ${op} ${ref})`
      : sql`(v is null or v ${op} ${value} or (v = ${value} and ref ${op} ${ref}))`;
  }
  return value === null
    ? sql`(v is not null or ref ${op} ${ref})`
    : sql`(v is not null and (v ${op} ${value} or (v = ${value} and ref ${op} ${ref})))`;
}
