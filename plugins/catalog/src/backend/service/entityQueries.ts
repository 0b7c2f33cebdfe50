import { CompiledQuery, sql, type RawBuilder } from 'kysely';
import { PREPARE } from '@atrium/backend';
import type { EntityFilter } from '@atrium/model';
import { table, type CatalogDb } from '../database/entityRows.js';
import { entityFilterSql } from './filterSql.js';
import { RawJson } from './rawJson.js';

export type JsonObject = Record<string, unknown>;

/**
 * The final entity, or with `fields` only the listed subtrees. The subtrees are cut out in SQL
 * (`final #> path`) so a list of names does not ship every entity's full JSON; each field comes back
 * as `[value]` when present and SQL null when absent, which tells "missing" from a JSON null.
 */
export function projectionSql(fields: string[][] | undefined): RawBuilder<unknown> {
  // As the stored text: whole entities go to the response as they are (see rawJson.ts).
  if (!fields) return sql`e.final_text`;
  const parts = fields.map((path) => sql`case when e.final #> ${path}::text[] is null then null else jsonb_build_array(e.final #> ${path}::text[]) end`);
  return sql`jsonb_build_array(${sql.join(parts)})`;
}

/** Rebuilds the projected entity from what `projectionSql` selected. */
export function projectedEntity(value: unknown, fields: string[][] | undefined): JsonObject {
  const row = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  if (!fields) return row as JsonObject;
  const out: JsonObject = {};
  (row as Array<[unknown] | null>).forEach((present, i) => {
    if (!present) return;
    const path = fields[i]!;
    let target = out;
    for (const key of path.slice(0, -1)) {
      const next = target[key];
      target = (next && typeof next === 'object' && !Array.isArray(next) ? next : (target[key] = {})) as JsonObject;
    }
    target[path[path.length - 1]!] = present[0];
  });
  return out;
}

/** What `projectionSql` selected, ready for a response: whole entities stay JSON text, projections are rebuilt. */
export function responseEntity(value: unknown, fields: string[][] | undefined): RawJson | JsonObject {
  return !fields && typeof value === 'string' ? new RawJson(value) : projectedEntity(value, fields);
}

/** Final entities for refs (stored lowercase), optionally also matching a filter, ready for a response. */
export async function finalsByRefs(c: CatalogDb, refs: string[], options: { fields?: string[][]; filter?: EntityFilter } = {}): Promise<Map<string, RawJson | JsonObject>> {
  const out = new Map<string, RawJson | JsonObject>();
  const unique = [...new Set(refs)];
  for (let i = 0; i < unique.length; i += 1000) {
    const part = unique.slice(i, i + 1000);
    const { rows } = await sql<{ ref: string; final: unknown }>`
      select e.ref, ${projectionSql(options.fields)} as final from ${table(c, 'final_entities')} e
      where e.ref = any(${part}::text[]) and ${entityFilterSql(c, options.filter)}`.execute(c.db);
    for (const r of rows) out.set(r.ref, responseEntity(r.final, options.fields));
  }
  return out;
}

/** One visible (stitched) entity row by ref or uid, or undefined. */
export async function entityRow(c: CatalogDb, where: { ref: string } | { id: string }) {
  return c.db
    .selectFrom('final_entities as f')
    .innerJoin('entities as e', 'e.id', 'f.id')
    .select(['f.id', 'f.ref', 'f.final', 'e.parent_ref', 'e.provider', 'e.location_key'])
    .$if('ref' in where, (q) => q.where('f.ref', '=', (where as { ref: string }).ref))
    .$if('id' in where, (q) => q.where('f.id', '=', (where as { id: string }).id))
    .executeTakeFirst() as Promise<{ id: string; ref: string; final: JsonObject; parent_ref: string | null; provider: string | null; location_key: string | null } | undefined>;
}

/** One visible entity's JSON text by ref or uid, for responses that return it whole. */
export async function entityText(c: CatalogDb, where: { ref: string } | { id: string }): Promise<RawJson | undefined> {
  const byRef = 'ref' in where;
  const { rows } = await c.db.executeQuery<{ final: string }>(CompiledQuery.raw(entityTextSql(c, byRef), [byRef ? where.ref : where.id]));
  return rows[0] ? new RawJson(rows[0].final) : undefined;
}

const entityTextSqls = new WeakMap<CatalogDb, { ref: string; id: string }>();

/**
 * The statement's text, made once per catalog: the hottest read of all (every entity page, every
 * by-name call) skips building and compiling a query each time.
 */
function entityTextSql(c: CatalogDb, byRef: boolean): string {
  let texts = entityTextSqls.get(c);
  if (!texts) {
    const make = (where: RawBuilder<unknown>) => sql`${sql.raw(PREPARE)}
      select final_text as final from ${table(c, 'final_entities')} where ${where}`.compile(c.db).sql;
    texts = { ref: make(sql`ref = ${''}`), id: make(sql`id = ${''}::uuid`) };
    entityTextSqls.set(c, texts);
  }
  return byRef ? texts.ref : texts.id;
}
