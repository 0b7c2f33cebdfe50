import type { Entity } from '@atrium/model';
import type { DeferredEntity, EntityPosition } from '../database/entityRows.js';

/** An error found while reading or processing an entity, kept with it and shown through the API. */
export interface CatalogError {
  /** e.g. `spec.owner`; absent for errors about the whole file or entity. */
  field?: string;
  message: string;
  /** The descriptor the entity came from and the line of the entity (or of the field, when known). */
  url?: string;
  line?: number;
  column?: number;
  /** Stable machine name: `ValidationError`, `InputError`, `NotFoundError`, `ConflictError`, … */
  name: string;
}

export interface RelationRow {
  source: string;
  type: string;
  target: string;
}

/** What processing one entity produced. */
export interface ProcessingOutput {
  /** The processed entity; undefined when it is invalid (the last valid version stays in use). */
  entity?: Entity;
  /** Both directions of every relation this entity originates. */
  relations: RelationRow[];
  errors: CatalogError[];
  /** Entities a Location emitted (undefined: not a location, or reading failed — keep the previous children). */
  children?: DeferredEntity[];
  /** Files (location keys) that could not be read this time: what they emitted before stays. */
  keepFrom?: string[];
  /**
   * A Location's children read target by target, instead of `children` (see writeResults): the
   * database writes one target's entities while the next is read. Its read errors join `errors`, and
   * `outcome` is complete, once the batches are exhausted.
   */
  childStream?: ChildStream;
}

export interface ChildStream {
  batches: AsyncIterable<DeferredEntity[]>;
  /** Whether a target could not be read (the children it had stay), and the files to keep children from. */
  outcome: { readFailed: boolean; keepFrom: string[] };
}

export interface ClaimedEntity {
  id: string;
  ref: string;
  unprocessed: Record<string, unknown>;
  locationKey: string | null;
  position: EntityPosition | null;
  ingestionErrors: CatalogError[];
  resultHash: string | null;
  /** The content it was claimed with; a result is only stored while the row still has it. */
  unprocessedHash: string;
}

export type EntityProcessor = (claimed: ClaimedEntity) => Promise<ProcessingOutput>;
