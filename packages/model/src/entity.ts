/**
 * The entity envelope: the shape every catalog entity shares, whatever its kind.
 * Kind-specific spec shapes live in `kinds.ts`.
 */

/** An external link shown on an entity's page (`metadata.links[]`). */
export interface EntityLink {
  url: string;
  title?: string;
  icon?: string;
  type?: string;
}

/** `metadata` of an entity. Extra keys are allowed, as in Backstage's `EntityMeta` schema. */
export interface EntityMeta {
  name: string;
  namespace?: string;
  title?: string;
  description?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  tags?: string[];
  links?: EntityLink[];
  /** Set by the catalog; the database id of the entity. */
  uid?: string;
  /** Set by the catalog; changes whenever the final entity changes. */
  etag?: string;
  [key: string]: unknown;
}

/** A relation on an output entity; `targetRef` is always a canonical lowercase ref. */
export interface EntityRelation {
  type: string;
  targetRef: string;
}

/** Severity of an entity status item. */
export type EntityStatusLevel = 'info' | 'warning' | 'error';

/** One entry of `status.items`, e.g. a processing error (`type: 'backstage.io/catalog-processing'`). */
export interface EntityStatusItem {
  type: string;
  level: EntityStatusLevel;
  message: string;
  error?: { name: string; message: string; [key: string]: unknown };
}

/**
 * Any catalog entity. `relations` and `status` only exist on entities the catalog returns;
 * descriptors that carry them are rejected on ingestion.
 */
export interface Entity {
  apiVersion: string;
  kind: string;
  metadata: EntityMeta;
  spec?: Record<string, unknown>;
  relations?: EntityRelation[];
  status?: { items?: EntityStatusItem[] };
}

/** The three parts that identify an entity. Compared case-insensitively everywhere. */
export interface CompoundEntityRef {
  kind: string;
  namespace: string;
  name: string;
}

/** Namespace of entities that do not name one. */
export const DEFAULT_NAMESPACE = 'default';

/** The only root fields a descriptor may carry (Backstage's `NoForeignRootFieldsEntityPolicy`). */
export const ENTITY_ROOT_FIELDS: readonly string[] = ['apiVersion', 'kind', 'metadata', 'spec'];
