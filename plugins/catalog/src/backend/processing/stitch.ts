import { sql, type RawBuilder } from 'kysely';
import { table, type CatalogDb } from '../database/entityRows.js';

export interface StitchedEntity {
  id: string;
  ref: string;
  final: Record<string, unknown>;
  /** Stitched for the first time: it has no search rows yet. */
  created?: boolean;
}

/**
 * Builds the final form of up to `limit` entities flagged for stitching, in one statement: the
 * processed entity with its uid, its relations (rows whose source it is, which includes the inverse
 * rows other entities' processing emitted), its errors as `status.items`, and the orphan annotation;
 * the etag is a hash of that. Returns the entities whose final form changed, and how many it stitched.
 */
export async function stitchBatch(c: CatalogDb, limit: number): Promise<{ changed: StitchedEntity[]; count: number }> {
  const { rows } = await sql<{ id: string; ref: string; final: string; changed: boolean; created: boolean }>`
    with batch as (
      select id from ${table(c, 'entities')}
      where needs_stitch and processed is not null
      -- In id order, so the partial index of flagged rows answers it: a table scan would step over
      -- every row already stitched, batch after batch (quadratic over a 100,000-entity ingestion).
      order by id
      limit ${limit} for update skip locked
    ),
    -- One pass over the batch: each entity's relations and status are lateral subqueries evaluated once
    -- per row (separate CTEs joined back were nested-looped, since batch sizes are hard to estimate).
    built as materialized (
      select e.id, e.etag as previous_etag, jsonb_array_length(dg.warnings) > 0 as has_dangling,
        jsonb_set(
          jsonb_set(
            case when e.orphan then jsonb_set(e.processed, '{metadata,annotations}',
              coalesce(e.processed->'metadata'->'annotations', '{}'::jsonb) || '{"backstage.io/orphan":"true"}'::jsonb)
            else e.processed end,
            '{metadata,uid}', to_jsonb(e.id::text)),
          '{relations}', rel.relations)
        || case when jsonb_array_length(st.items) > 0 then jsonb_build_object('status', jsonb_build_object('items', st.items))
           else '{}'::jsonb end as body
      from batch b
      join ${table(c, 'entities')} e on e.id = b.id
      cross join lateral (
        -- Through the (source_ref, type, target_ref) index; distinct because two entities may state
        -- the same relation.
        select coalesce(jsonb_agg(jsonb_build_object('type', r.type, 'targetRef', r.target_ref) order by r.type, r.target_ref), '[]'::jsonb) as relations
        from (select distinct type, target_ref from ${table(c, 'relations')} where source_ref = e.ref) r
      ) rel
      cross join lateral (
        -- A warning per relation this entity states about an entity the catalog does not have (a typo
        -- in spec.owner, a system not registered yet).
        select coalesce(jsonb_agg(jsonb_build_object('type', 'backstage.io/catalog-processing', 'level', 'warning',
            'message', r.type || ' ' || r.target_ref || ': no such entity in the catalog',
            'error', jsonb_build_object('name', 'DanglingReferenceError', 'message', r.type || ' ' || r.target_ref || ': no such entity in the catalog')) order by r.type, r.target_ref), '[]'::jsonb) as warnings
        from ${table(c, 'relations')} r
        where r.originating_id = e.id and r.source_ref = e.ref
          and not exists (select 1 from ${table(c, 'entities')} t where t.ref = r.target_ref)
      ) dg
      cross join lateral (
        -- Stored errors, then the warnings.
        select coalesce((
          select jsonb_agg(jsonb_build_object('type', 'backstage.io/catalog-processing', 'level', 'error', 'message', x->>'message', 'error', x))
          from jsonb_array_elements(e.errors) x
        ), '[]'::jsonb) || dg.warnings as items
      ) st
    ),
    hashed as materialized (
      select id, previous_etag, has_dangling, body, md5(body::text) as etag from built
    ),
    finished as materialized (
      select id, previous_etag, has_dangling, etag, jsonb_set(body, '{metadata,etag}', to_jsonb(etag)) as final from hashed
    )
    update ${table(c, 'entities')} e
      set final = h.final, final_text = h.final::text, etag = h.etag, needs_stitch = false, has_dangling = h.has_dangling,
          ${filterColumnAssignments(sql`h.final`)}
    from finished h
    where e.id = h.id
    returning e.id, e.ref, e.final_text as final, h.previous_etag is distinct from h.etag as changed, h.previous_etag is null as created`.execute(c.db);
  // Entities that just appeared resolve other entities' dangling references: restitch those.
  const created = rows.filter((r) => r.created).map((r) => r.ref);
  if (created.length > 0) {
    // Only those whose final form carries a warning (a partial index; after a bulk ingestion there are
    // none, and the guard skips the rest). Driven from the new refs' relations: joined the other way,
    // every entity still waiting for a reference was checked against every new ref, batch after batch
    // (11.7 s for one batch with half of 100,000 entities waiting, against 0.37 s this way). The shapes
    // (`order by id limit 1`, values the planner cannot see in `= any(array(select ...))`) keep index
    // lookups when statistics lag behind a bulk ingestion, which had turned both into table scans.
    await sql`update ${table(c, 'entities')} e set needs_stitch = true
      where exists (select 1 from ${table(c, 'entities')} d where d.has_dangling and not d.needs_stitch order by d.id limit 1)
        and e.id = any(array(select r.originating_id from ${table(c, 'relations')} r where r.target_ref = any(array(select unnest(${created}::text[])))))
        and not e.needs_stitch and e.has_dangling`.execute(c.db);
  }
  // The text the update just made, parsed here: returning the JSONB would convert it to text again.
  return { changed: rows.filter((r) => r.changed).map(({ id, ref, final, created }) => ({ id, ref, final: JSON.parse(final) as Record<string, unknown>, created })), count: rows.length };
}

/** `kind = …, namespace = …` from an entity's JSON: the lowercased filter columns (service/filterColumns.ts). */
function filterColumnAssignments(body: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`kind = lower(${body}->>'kind'),
    namespace = lower(coalesce(${body}->'metadata'->>'namespace', 'default')),
    name = lower(${body}->'metadata'->>'name'),
    spec_type = case when jsonb_typeof(${body}->'spec'->'type') = 'string' then lower(${body}->'spec'->>'type') end,
    lifecycle = case when jsonb_typeof(${body}->'spec'->'lifecycle') = 'string' then lower(${body}->'spec'->>'lifecycle') end`;
}

/** Sets the filter columns and the JSON text from the stored final entities (for entities written other than by stitching). */
export async function refreshFilterColumns(c: CatalogDb, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await sql`update ${table(c, 'entities')} set final_text = final::text, ${filterColumnAssignments(sql.ref('final'))} where id = any(${ids}::uuid[])`.execute(c.db);
}
