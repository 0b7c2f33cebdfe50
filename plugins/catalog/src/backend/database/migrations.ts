import { sql, type Kysely, type Migration } from 'kysely';

/**
 * The catalog's tables (see docs/adr/0006-catalog-engine.md): one row per entity from arrival to final
 * form, its relations, its precomputed filter keys, and registered locations.
 */
export const catalogMigrations: Record<string, Migration> = {
  '0001_catalog': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('locations')
        .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('target', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addUniqueConstraint('locations_type_target_key', ['type', 'target'])
        .execute();

      await db.schema
        .createTable('entities')
        .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
        .addColumn('ref', 'text', (c) => c.notNull().unique())
        // A root entity belongs to a provider's bucket; a child to the entity that emitted it.
        .addColumn('provider', 'text')
        .addColumn('parent_ref', 'text')
        .addColumn('location_key', 'text')
        .addColumn('unprocessed', 'jsonb', (c) => c.notNull())
        .addColumn('unprocessed_hash', 'text', (c) => c.notNull())
        // Where it was read: { url, line, column, fields: { 'spec.owner': line, ... } } for error lines.
        .addColumn('position', 'jsonb')
        // Problems found while reading it (a placeholder that could not be resolved): it counts as invalid.
        .addColumn('ingestion_errors', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
        .addColumn('processed', 'jsonb')
        .addColumn('result_hash', 'text')
        .addColumn('errors', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
        .addColumn('next_refresh_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('final', 'jsonb')
        .addColumn('etag', 'text')
        .addColumn('needs_stitch', 'boolean', (c) => c.notNull().defaultTo(true))
        .addColumn('orphan', 'boolean', (c) => c.notNull().defaultTo(false))
        // Lowercased copies of the keys nearly every query filters or sorts on, set when stitched:
        // a filter on them is a B-tree lookup instead of an EXISTS over search rows.
        .addColumn('kind', 'text')
        .addColumn('namespace', 'text')
        .addColumn('name', 'text')
        .addColumn('spec_type', 'text')
        .addColumn('lifecycle', 'text')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.schema.createIndex('entities_next_refresh_idx').on('entities').column('next_refresh_at').execute();
      await db.schema.createIndex('entities_parent_idx').on('entities').column('parent_ref').execute();
      await db.schema.createIndex('entities_provider_idx').on('entities').columns(['provider', 'ref']).execute();
      await db.schema.createIndex('entities_needs_stitch_idx').on('entities').column('id').where(sql.ref('needs_stitch'), '=', true).execute();

      await db.schema
        .createTable('relations')
        .addColumn('originating_id', 'uuid', (c) => c.notNull().references('entities.id').onDelete('cascade'))
        .addColumn('source_ref', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('target_ref', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('relations_source_idx').on('relations').columns(['source_ref', 'type', 'target_ref']).execute();
      await db.schema.createIndex('relations_target_idx').on('relations').column('target_ref').execute();
      await db.schema.createIndex('relations_originating_idx').on('relations').column('originating_id').execute();

      await db.schema
        .createTable('search')
        .addColumn('entity_id', 'uuid', (c) => c.notNull().references('entities.id').onDelete('cascade'))
        .addColumn('key', 'text', (c) => c.notNull())
        // Lowercased for matching; original_value keeps the spelling for facets.
        .addColumn('value', 'text')
        .addColumn('original_value', 'text')
        .execute();
      await db.schema.createIndex('search_key_value_idx').on('search').columns(['key', 'value']).execute();
      // Per-entity lookups (sort values, EXISTS per filter key) answered from the index alone.
      await sql`create index search_entity_key_idx on search (entity_id, key) include (value)`.execute(db);
      // The API's default order, keyset paging and counts only look at visible (stitched) entities.
      await sql`create index entities_visible_ref_idx on entities (ref) where final is not null`.execute(db);
      await sql`create index entities_kind_ref_idx on entities (kind, ref) where final is not null`.execute(db);
      await sql`create index entities_kind_type_ref_idx on entities (kind, spec_type, ref) where final is not null`.execute(db);
      // Substring search on names (the catalog page's text box) without scanning every entity.
      await sql`create index entities_name_trgm_idx on entities using gin (name public.gin_trgm_ops) where final is not null`.execute(db);
    },
  },
  '0002_search_without_foreign_key': {
    // The foreign key's per-row check was 40% of writing an ingestion's search rows (26 per entity);
    // deleteEntities removes an entity's rows itself, and every reader joins search to a live entity.
    async up(db: Kysely<any>) {
      await sql`alter table search drop constraint if exists search_entity_id_fkey`.execute(db);
    },
  },
  '0003_dangling_flag': {
    // Whether the final entity warns about relations to missing entities: when entities arrive, only
    // those are restitched, found through this index instead of by reading each neighbour's JSON.
    async up(db: Kysely<any>) {
      await sql`alter table entities add column has_dangling boolean not null default false`.execute(db);
      await sql`create index entities_dangling_idx on entities (id) where has_dangling`.execute(db);
    },
  },
  '0004_processed_at': {
    // When the entity's source was last read and processed (shown as "refreshed N minutes ago").
    async up(db: Kysely<any>) {
      await sql`alter table entities add column processed_at timestamptz`.execute(db);
    },
  },
  '0005_final_text': {
    // The final entity also as the JSON text responses are made of: a page of 100 entities converted
    // from JSONB on every read was half the database's work for by-query (measured: 1.0 ms per 100
    // entities converted, 0.05 ms read as stored text). Written once per stitch instead.
    async up(db: Kysely<any>) {
      await sql`alter table entities add column final_text text`.execute(db);
      await sql`update entities set final_text = final::text where final is not null`.execute(db);
    },
  },
  '0006_relations_not_in_search': {
    // `relations.*` filters, facets and sorts read the relations table: their search rows (a third of
    // all) are no longer written, nor read. Facets and filter-driven plans go by type and target; the
    // included columns let a facet be counted from the index alone.
    async up(db: Kysely<any>) {
      await sql`delete from search where key like 'relations.%'`.execute(db);
      await sql`create index relations_type_target_idx on relations (lower(type), target_ref) include (source_ref, type)`.execute(db);
    },
  },
  '0007_final_entities': {
    // Final entities in a table of their own, and the stitch flag as a queue (ADR 0006, revision
    // 2026-12-02 (c)). Stitching used to rewrite the whole entity row (its source, processed form,
    // position, errors, and a new entry in all eleven of its indexes) just to set the final form; it
    // now inserts or updates a narrow row with the indexes reads use, and a restitch that changes
    // nothing writes nothing. Flagging an entity for stitching is a queue insert, not a row update.
    async up(db: Kysely<any>) {
      await sql`create table final_entities (
        id uuid primary key,
        ref text not null,
        final jsonb not null,
        final_text text not null,
        etag text not null,
        has_dangling boolean not null default false,
        kind text, namespace text, name text, spec_type text, lifecycle text
      )`.execute(db);
      await sql`insert into final_entities (id, ref, final, final_text, etag, has_dangling, kind, namespace, name, spec_type, lifecycle)
        select id, ref, final, coalesce(final_text, final::text), coalesce(etag, ''), has_dangling, kind, namespace, name, spec_type, lifecycle
        from entities where final is not null`.execute(db);
      // The API's default order, keyset paging and counts; kind and type filters; substring search on names.
      await sql`create unique index final_entities_ref_idx on final_entities (ref)`.execute(db);
      await sql`create index final_entities_kind_ref_idx on final_entities (kind, ref)`.execute(db);
      await sql`create index final_entities_kind_type_ref_idx on final_entities (kind, spec_type, ref)`.execute(db);
      await sql`create index final_entities_name_trgm_idx on final_entities using gin (name public.gin_trgm_ops)`.execute(db);
      await sql`create index final_entities_dangling_idx on final_entities (id) where has_dangling`.execute(db);
      await sql`create table stitch_queue (entity_id uuid primary key)`.execute(db);
      await sql`insert into stitch_queue select id from entities where needs_stitch`.execute(db);
      for (const index of ['entities_visible_ref_idx', 'entities_kind_ref_idx', 'entities_kind_type_ref_idx', 'entities_name_trgm_idx', 'entities_needs_stitch_idx', 'entities_dangling_idx']) {
        await sql`drop index if exists ${sql.ref(index)}`.execute(db);
      }
      await sql`alter table entities drop column final, drop column final_text, drop column etag, drop column needs_stitch,
        drop column has_dangling, drop column kind, drop column namespace, drop column name, drop column spec_type, drop column lifecycle`.execute(db);
    },
  },
  '0008_relations_without_foreign_key': {
    // The foreign key's per-row check was half the cost of inserting relations (8,000 rows at 100,000
    // entities: 440-620 ms with it, 245-250 ms without). Inserts lock their originating entities
    // (`for key share`, as the check did) in one statement, and deleteEntityRows removes an entity's
    // relations after the entity.
    async up(db: Kysely<any>) {
      await sql`alter table relations drop constraint if exists relations_originating_id_fkey`.execute(db);
    },
  },
  '0009_column_keys_not_in_search': {
    // Keys with a column of their own keep a search row only for a spelling other than the lowercased
    // value, and kind none (searchRows.ts flattenForSearch).
    async up(db: Kysely<any>) {
      await sql`delete from search where key = 'kind'
        or (key in ('metadata.namespace', 'metadata.name', 'spec.type', 'spec.lifecycle') and (original_value is null or original_value = value))`.execute(db);
    },
  },
  '0010_lz4_compression': {
    // Entities' JSON is compressed as it is stored (rows of 2-3 KB): with lz4 instead of the default pglz
    // where the server has it, writing 10,000 final forms took 153-221 ms instead of 302-476 ms, and
    // reading them back 46-57 instead of 68 ms. New values only; existing ones change as they are
    // rewritten. The embedded database is built without lz4 and keeps pglz.
    async up(db: Kysely<any>) {
      const { rows } = await sql<{ lz4: boolean }>`select coalesce(bool_or('lz4' = any(enumvals)), false) as lz4 from pg_settings where name = 'default_toast_compression'`.execute(db);
      if (!rows[0]?.lz4) return;
      await sql`alter table entities alter column unprocessed set compression lz4, alter column processed set compression lz4,
        alter column position set compression lz4, alter column errors set compression lz4`.execute(db);
      await sql`alter table final_entities alter column final set compression lz4, alter column final_text set compression lz4`.execute(db);
    },
  },
  '0011_relations_without_target_index': {
    // Its one reader, stitching's search for entities that point at a new ref, goes through the inverse
    // rows and the source index (stitch.ts). One index fewer to keep up for every relation row written:
    // inserting a chunk's 14,000 rows cost 40-90 ms more per index.
    async up(db: Kysely<any>) {
      await sql`drop index if exists relations_target_idx`.execute(db);
    },
  },
};
