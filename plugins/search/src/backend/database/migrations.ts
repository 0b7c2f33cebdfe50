import { sql, type Kysely, type Migration } from 'kysely';

/**
 * The index: one row per document and generation. A full reindex writes a new generation next to the
 * live one and swaps (see SearchIndex.ts), so queries never see a half-built or empty index.
 */
export const searchMigrations: Record<string, Migration> = {
  '0001_documents': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('index_state')
        .addColumn('type', 'text', (c) => c.primaryKey())
        .addColumn('live_generation', 'bigint', (c) => c.notNull())
        .addColumn('building_generation', 'bigint')
        .addColumn('last_indexed_at', 'timestamptz')
        .execute();
      await sql`create sequence generation_seq`.execute(db);
      await sql`
        create table documents (
          type text not null,
          generation bigint not null,
          location text not null,
          title text not null,
          -- name as typed in URLs (lowercase, words joined by dashes): exact matches rank first
          name_key text,
          -- name and title together: what typo-tolerant and prefix matching compare with
          label text not null,
          keywords text not null default '',
          summary text not null default '',
          body text not null default '',
          entity_ref text,
          kind text,
          doc_type text,
          owner text,
          lifecycle text,
          namespace text,
          tags text[] not null default '{}',
          document jsonb not null,
          updated_at timestamptz not null default now(),
          -- set by incremental writes only: a reindex carries these over (see SearchIndex.finishReindex)
          incremental_at timestamptz,
          tsv tsvector generated always as (
            setweight(to_tsvector('english', title), 'A') ||
            setweight(to_tsvector('english', keywords), 'B') ||
            setweight(to_tsvector('english', summary), 'C') ||
            setweight(to_tsvector('english', body), 'D')
          ) stored,
          -- only the strongest parts: a broad query takes its candidates from here first (see SearchEngine)
          tsv_head tsvector generated always as (
            setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', keywords), 'B')
          ) stored,
          primary key (type, generation, location)
        )`.execute(db);
      await sql`create index documents_tsv_idx on documents using gin (tsv)`.execute(db);
      // Words of titles, names and descriptions: typos are corrected against these (small, trigram-indexed).
      await sql`create table lexicon (word text primary key)`.execute(db);
      await sql`create index lexicon_word_trgm_idx on lexicon using gin (word public.gin_trgm_ops)`.execute(db);
      await sql`create index documents_tsv_head_idx on documents using gin (tsv_head)`.execute(db);
      // In the C collation: prefix LIKE and name order both come from the index, whatever the database's collation.
      await sql`create index documents_name_key_idx on documents ((name_key collate "C"))`.execute(db);
      await sql`create index documents_entity_ref_idx on documents (type, entity_ref)`.execute(db);
      await sql`create index documents_title_idx on documents (lower(title))`.execute(db);
      await sql`create index documents_tags_idx on documents using gin (tags)`.execute(db);
      for (const column of ['kind', 'doc_type', 'owner', 'lifecycle']) {
        await sql`create index ${sql.raw(`documents_${column}_idx`)} on documents (lower(${sql.ref(column)}))`.execute(db);
      }
    },
  },
  '0002_title_prefix': {
    async up(db: Kysely<any>) {
      // Titles starting with a letter or two: what a one- or two-letter word matches (see matchSql.ts).
      await sql`create index documents_title_prefix_idx on documents ((lower(title) collate "C"))`.execute(db);
    },
  },
  '0003_inline_tsvectors': {
    async up(db: Kysely<any>) {
      // A docs page's row is over the 2 KB TOAST threshold, so by default its tsvector (1.4 KB) went out
      // of line, and every phrase recheck and rank paid a TOAST lookup for it (29,000 buffer reads, 40 ms,
      // for a phrase of two common words over 8,900 pages). MAIN keeps it in the row while the body and the
      // document move out; rows written from now on (the next reindex rewrites them all).
      for (const column of ['tsv', 'tsv_head']) {
        await sql`alter table documents alter column ${sql.ref(column)} set storage main`.execute(db);
      }
    },
  },
  '0004_change_counter': {
    async up(db: Kysely<any>) {
      // Moved on after every write that queries can see: cached answers are reused only while it reads the same.
      await sql`create sequence change_seq`.execute(db);
    },
  },
  '0005_phrase_pairs': {
    async up(db: Kysely<any>) {
      // The pairs of lexemes standing next to each other (`circuit breaker`), from the same tsvector as
      // `tsv` (the four parts concatenated; weights do not move positions): a document has a phrase only
      // if it has every pair of it, so a phrase of common words rechecks positions in the documents that
      // have its pairs (405 for "circuit breaker" on the benchmark corpus), not in every document that has
      // all its words (8,939). See candidateCtes.
      await sql`
        create function adjacent_pairs(v tsvector) returns tsvector language sql immutable strict parallel safe as $$
          select coalesce(array_to_tsvector(array_agg(distinct a.lexeme || ' ' || b.lexeme)), ''::tsvector)
          from (select lexeme, unnest(positions) as pos from unnest(v)) a
          join (select lexeme, unnest(positions) as pos from unnest(v)) b on b.pos = a.pos + 1
        $$`.execute(db);
      await sql`
        alter table documents add column tsv_pairs tsvector generated always as (adjacent_pairs(
          to_tsvector('english', title) || to_tsvector('english', keywords) ||
          to_tsvector('english', summary) || to_tsvector('english', body)
        )) stored`.execute(db);
      // Out of the row (a page's pairs are larger than its tsvector, which must stay in it, see 0003), and
      // never read back: the index alone answers whether a document has the pairs.
      await sql`alter table documents alter column tsv_pairs set storage external`.execute(db);
      await sql`create index documents_tsv_pairs_idx on documents using gin (tsv_pairs)`.execute(db);
    },
  },
  '0006_lexemes': {
    async up(db: Kysely<any>) {
      // Every lexeme the full-text index holds, kept by the writes themselves (never pruned): a word being
      // typed that no longer lexeme starts with can be looked up as itself, not as a prefix, which costs
      // GIN twice as much (a partial match collects a bitmap first). See termCte. In C order, so "the next
      // lexeme after this one" is one step of the primary key.
      await sql`create table lexemes (lexeme text collate "C" primary key)`.execute(db);
      // Search path as the migration's: the trigger runs for writers whose search path is another.
      await sql`
        create function learn_lexemes() returns trigger language plpgsql set search_path from current as $$
        begin
          insert into lexemes (lexeme) select distinct l.lexeme from written w cross join unnest(w.tsv) l order by 1 on conflict do nothing;
          return null;
        end
        $$`.execute(db);
      // In the statement that writes the documents, so a query never sees a document before its lexemes.
      // (A trigger with a transition table takes one event.)
      for (const event of ['insert', 'update']) {
        await sql`create trigger ${sql.raw(`documents_learn_lexemes_${event}`)} after ${sql.raw(event)} on documents
          referencing new table as written for each statement execute function learn_lexemes()`.execute(db);
      }
      await sql`insert into lexemes (lexeme) select word from ts_stat('select tsv from documents') order by 1`.execute(db);
    },
  },
  '0007_change_log': {
    async up(db: Kysely<any>) {
      // The index's version as a query's own snapshot sees it: every statement writing the documents or the
      // live generations adds a row in its own transaction, so the sum of `n` moves exactly when what a query
      // can see does (snapshots see a prefix of the commits), and a query reads the version it answered at
      // in the same statement (see IndexChanges). Rows are folded into one now and then (the sum stays).
      await sql`create table changes (n bigint not null)`.execute(db);
      await sql`insert into changes (n) values (1)`.execute(db);
      await sql`
        create function note_change() returns trigger language plpgsql set search_path from current as $$
        begin
          insert into changes (n) values (1);
          return null;
        end
        $$`.execute(db);
      for (const table of ['documents', 'index_state']) {
        await sql`create trigger ${sql.raw(`${table}_note_change`)} after insert or update or delete or truncate on ${sql.table(table)}
          for each statement execute function note_change()`.execute(db);
      }
    },
  },
  '0008_toast_tuple_target': {
    async up(db: Kysely<any>) {
      // A docs page's row is still over the 2 KB target with its body out of line (the tsvectors stay in
      // it, see 0003), so PostgreSQL also moved its document and often its location to TOAST: every
      // page's document::text, and every comparison of a location in a sort or a join, was a TOAST lookup
      // (in a ranked query over docs pages the grouping's sort alone, 1.5 ms of 5.6). Toasting now stops
      // once a row is under 4 KB, half a page: the body is compressed, or moved out, and the rest stays.
      // Rows written from now on (the next reindex rewrites them all).
      await sql`alter table documents set (toast_tuple_target = 4080)`.execute(db);
    },
  },
};
