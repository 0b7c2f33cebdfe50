import { sql, type ColumnType, type Generated, type Kysely } from 'kysely';
import type { Migration } from '@atrium/backend';

/**
 * Built sites, content-addressed: a file's bytes are stored once per sha256 however many builds (or
 * sites) contain them; a build maps its paths to those hashes; a site points at its current build.
 */
export const migrations: Record<string, Migration> = {
  '0001_sites': {
    async up(db: Kysely<any>) {
      await db.schema.createTable('blobs')
        .addColumn('hash', 'text', (c) => c.primaryKey())
        .addColumn('content', 'bytea', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.schema.createTable('builds')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('entity_ref', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('building', 'ready', 'failed')`))
        .addColumn('etag', 'text')
        .addColumn('commit_sha', 'text')
        .addColumn('origin', 'text', (c) => c.notNull())
        .addColumn('error', 'text')
        .addColumn('warnings', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('finished_at', 'timestamptz')
        .execute();
      await db.schema.createIndex('builds_entity_created').on('builds').columns(['entity_ref', 'created_at']).execute();
      await db.schema.createTable('build_files')
        .addColumn('build_id', 'text', (c) => c.notNull().references('builds.id').onDelete('cascade'))
        .addColumn('path', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('build_files_pk', ['build_id', 'path'])
        .execute();
      // Cleanup finds unreferenced blobs with an anti-join on this index.
      await db.schema.createIndex('build_files_hash').on('build_files').column('hash').execute();
      await db.schema.createTable('sites')
        .addColumn('entity_ref', 'text', (c) => c.primaryKey())
        .addColumn('current_build_id', 'text', (c) => c.references('builds.id'))
        .addColumn('site_name', 'text')
        .addColumn('source_url', 'text')
        .addColumn('source_etag', 'text')
        .addColumn('checked_at', 'timestamptz')
        .execute();
    },
  },
};

export interface TechDocsTables {
  blobs: { hash: string; content: Buffer; size: number; created_at: Generated<Date | string> };
  builds: {
    id: string; entity_ref: string; status: 'building' | 'ready' | 'failed'; etag: string | null; commit_sha: ColumnType<string | null, string | null | undefined>;
    origin: 'portal' | 'publish'; error: ColumnType<string | null, string | null | undefined>; warnings: ColumnType<unknown, string | undefined>;
    created_at: Generated<Date | string>; finished_at: Date | string | null;
  };
  build_files: { build_id: string; path: string; hash: string; content_type: string };
  sites: {
    entity_ref: string; current_build_id: string | null; site_name: string | null; source_url: string | null;
    source_etag: string | null; checked_at: Date | string | null;
  };
}
