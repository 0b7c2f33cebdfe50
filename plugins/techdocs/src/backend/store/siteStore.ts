import { createHash, randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { BuildWarning } from '@atrium/plugin-techdocs/common';
import type { BuiltFile } from '../builder/index.js';
import type { TechDocsTables } from './migrations.js';

export interface CurrentBuild {
  buildId: string;
  siteName: string;
  etag: string;
  commit?: string;
  createdAt: string;
  warnings: BuildWarning[];
}

export interface StoredFile {
  hash: string;
  contentType: string;
}

const iso = (d: Date | string) => (typeof d === 'string' ? new Date(d) : d).toISOString();

/** The techdocs tables: blobs by sha256, builds with their file lists, and each site's current build. */
export class SiteStore {
  constructor(private readonly db: Kysely<TechDocsTables>, private readonly schema: string) {}

  private table(name: keyof TechDocsTables) {
    return sql.id(this.schema, name);
  }

  /** Stores a successful build and makes it the site's current one, in one transaction. */
  async saveBuild(input: {
    entityRef: string; files: BuiltFile[]; etag: string; commit?: string; origin: 'portal' | 'publish';
    warnings: BuildWarning[]; siteName: string; sourceUrl?: string;
  }): Promise<{ buildId: string; newBlobs: number }> {
    const buildId = randomUUID();
    const hashed = input.files.map((f) => ({ ...f, hash: createHash('sha256').update(f.content).digest('hex') }));
    const unique = [...new Map(hashed.map((f) => [f.hash, f])).values()];
    // Only bytes the database does not have yet are sent: most files of a rebuild are unchanged.
    const known = new Set<string>();
    for (let i = 0; i < unique.length; i += 500) {
      const rows = await this.db.selectFrom('blobs').select('hash').where('hash', 'in', unique.slice(i, i + 500).map((f) => f.hash)).execute();
      for (const r of rows) known.add(r.hash);
    }
    const missing = unique.filter((f) => !known.has(f.hash));
    await this.db.transaction().execute(async (tx) => {
      for (let i = 0; i < missing.length; i += 50) {
        await tx.insertInto('blobs')
          .values(missing.slice(i, i + 50).map((f) => ({ hash: f.hash, content: f.content, size: f.content.length })))
          .onConflict((oc) => oc.column('hash').doNothing()).execute();
      }
      await tx.insertInto('builds').values({
        id: buildId, entity_ref: input.entityRef, status: 'ready', etag: input.etag, commit_sha: input.commit ?? null,
        origin: input.origin, warnings: JSON.stringify(input.warnings), finished_at: sql<Date>`now()`,
      }).execute();
      for (let i = 0; i < hashed.length; i += 500) {
        await tx.insertInto('build_files')
          .values(hashed.slice(i, i + 500).map((f) => ({ build_id: buildId, path: f.path, hash: f.hash, content_type: f.contentType })))
          .execute();
      }
      await tx.insertInto('sites').values({
        entity_ref: input.entityRef, current_build_id: buildId, site_name: input.siteName, source_url: input.sourceUrl ?? null,
        source_etag: input.etag, checked_at: sql<Date>`now()`,
      }).onConflict((oc) => oc.column('entity_ref').doUpdateSet({
        current_build_id: buildId, site_name: input.siteName, source_url: input.sourceUrl ?? null, source_etag: input.etag, checked_at: sql<Date>`now()`,
      })).execute();
    });
    return { buildId, newBlobs: missing.length };
  }

  /** Records a failed build; the site keeps pointing at its last good build. */
  async saveFailure(entityRef: string, error: string, origin: 'portal' | 'publish', etag?: string): Promise<string> {
    const id = randomUUID();
    await this.db.insertInto('builds').values({
      id, entity_ref: entityRef, status: 'failed', etag: etag ?? null, origin, error, finished_at: sql<Date>`now()`,
    }).execute();
    await this.db.insertInto('sites').values({ entity_ref: entityRef, checked_at: sql<Date>`now()`, source_etag: etag ?? null })
      // The failing version's etag is remembered, so an unchanged broken source is not rebuilt on every read.
      .onConflict((oc) => oc.column('entity_ref').doUpdateSet({ checked_at: sql<Date>`now()`, ...(etag && { source_etag: etag }) })).execute();
    return id;
  }

  async getSite(entityRef: string) {
    return this.db.selectFrom('sites').selectAll().where('entity_ref', '=', entityRef).executeTakeFirst();
  }

  /** Which of these entities have a site (one query, however many refs a catalog change names). */
  async sitesAmong(entityRefs: string[]): Promise<string[]> {
    if (entityRefs.length === 0) return [];
    const rows = await this.db.selectFrom('sites').select('entity_ref').where('entity_ref', 'in', [...new Set(entityRefs)]).execute();
    return rows.map((r) => r.entity_ref);
  }

  async touchChecked(entityRef: string): Promise<void> {
    await this.db.updateTable('sites').set({ checked_at: sql<Date>`now()` }).where('entity_ref', '=', entityRef).execute();
  }

  async currentBuild(entityRef: string): Promise<CurrentBuild | undefined> {
    const row = await this.db.selectFrom('sites').innerJoin('builds', 'builds.id', 'sites.current_build_id')
      .select(['builds.id', 'builds.etag', 'builds.commit_sha', 'builds.created_at', 'builds.warnings', 'sites.site_name'])
      .where('sites.entity_ref', '=', entityRef).executeTakeFirst();
    if (!row) return undefined;
    return { buildId: row.id, siteName: row.site_name ?? '', etag: row.etag ?? '', ...(row.commit_sha && { commit: row.commit_sha }), createdAt: iso(row.created_at), warnings: row.warnings as BuildWarning[] };
  }

  /** The newest failed build newer than the current one, if any. */
  async lastFailure(entityRef: string, after?: string) {
    let q = this.db.selectFrom('builds').select(['id', 'created_at', 'error']).where('entity_ref', '=', entityRef).where('status', '=', 'failed');
    if (after) q = q.where('created_at', '>', new Date(after));
    const row = await q.orderBy('created_at', 'desc').limit(1).executeTakeFirst();
    return row ? { buildId: row.id, createdAt: iso(row.created_at), error: row.error ?? '' } : undefined;
  }

  async buildFiles(buildId: string): Promise<Map<string, StoredFile>> {
    const rows = await this.db.selectFrom('build_files').select(['path', 'hash', 'content_type']).where('build_id', '=', buildId).execute();
    return new Map(rows.map((r) => [r.path, { hash: r.hash, contentType: r.content_type }]));
  }

  async blob(hash: string): Promise<Buffer | undefined> {
    const row = await this.db.selectFrom('blobs').select('content').where('hash', '=', hash).executeTakeFirst();
    return row?.content;
  }

  async listSites() {
    return this.db.selectFrom('sites').innerJoin('builds', 'builds.id', 'sites.current_build_id')
      .select(['sites.entity_ref', 'sites.site_name', 'builds.created_at', 'builds.commit_sha']).orderBy('sites.entity_ref').execute();
  }

  async blobCount(): Promise<number> {
    const r = await this.db.selectFrom('blobs').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /**
   * Forgets these sites entirely (their entity left the catalog): the site, every build and its file
   * list, in one transaction. Their blobs go with the next cleanup, once no build uses them.
   */
  async deleteSites(entityRefs: string[]): Promise<number> {
    if (entityRefs.length === 0) return 0;
    return this.db.transaction().execute(async (tx) => {
      const sites = await tx.deleteFrom('sites').where('entity_ref', 'in', entityRefs).returning('entity_ref').execute();
      await tx.deleteFrom('builds').where('entity_ref', 'in', entityRefs).execute();
      return sites.length;
    });
  }

  /**
   * Deletes builds no site points at, keeping the newest `keep` per site and failures younger than a
   * week (the reader shows the latest one), then the blobs no remaining build uses.
   */
  async cleanup(keep: number, blobGraceSeconds = 3600): Promise<{ builds: number; blobs: number }> {
    const builds = await sql<{ id: string }>`
      delete from ${this.table('builds')} b using (
        select id, row_number() over (partition by entity_ref order by created_at desc) as rank from ${this.table('builds')}
      ) ranked
      where b.id = ranked.id and ranked.rank > ${keep}
        and not exists (select 1 from ${this.table('sites')} s where s.current_build_id = b.id)
        and (b.status <> 'failed' or b.created_at < now() - interval '7 days')
      returning b.id`.execute(this.db);
    // Young blobs are spared: a build being saved right now may have found them before its files are in.
    const blobs = await sql<{ hash: string }>`
      delete from ${this.table('blobs')} bl where not exists (select 1 from ${this.table('build_files')} f where f.hash = bl.hash)
        and bl.created_at <= now() - make_interval(secs => ${blobGraceSeconds})
      returning bl.hash`.execute(this.db);
    return { builds: builds.rows.length, blobs: blobs.rows.length };
  }
}
