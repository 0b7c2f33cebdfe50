import type { ColumnType, Generated } from 'kysely';

type Json = ColumnType<unknown, string, string>;

/** Row types of the catalog's tables (see migrations.ts). JSON columns are written as strings. */
export interface CatalogTables {
  locations: { id: Generated<string>; type: string; target: string; created_at: Generated<Date> };
  entities: {
    id: Generated<string>;
    ref: string;
    provider: string | null;
    parent_ref: string | null;
    location_key: string | null;
    unprocessed: Json;
    unprocessed_hash: string;
    position: ColumnType<unknown, string | null, string | null>;
    ingestion_errors: ColumnType<unknown, string | undefined, string>;
    processed: ColumnType<unknown, string | null, string | null>;
    result_hash: string | null;
    errors: ColumnType<unknown, string | undefined, string>;
    next_refresh_at: ColumnType<Date, Date | string | undefined, Date | string>;
    orphan: Generated<boolean>;
    processed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
    created_at: Generated<Date>;
    updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  };
  /** Entities as the API serves them, written by stitching (visible = has a row here). */
  final_entities: {
    id: string;
    ref: string;
    final: ColumnType<unknown, string, string>;
    /** `final` as JSON text (what responses are made of), written with it. */
    final_text: string;
    etag: string;
    has_dangling: Generated<boolean>;
    kind: string | null;
    namespace: string | null;
    name: string | null;
    spec_type: string | null;
    lifecycle: string | null;
  };
  /** Entities whose final form must be rebuilt (stitching claims and deletes rows). */
  stitch_queue: { entity_id: string };
  relations: { originating_id: string; source_ref: string; type: string; target_ref: string };
  search: { entity_id: string; key: string; value: string | null; original_value: string | null };
}
