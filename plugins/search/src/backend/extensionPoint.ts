import { createExtensionPoint, type HumanDuration, type TaskDefinition } from '@atrium/backend';
import type { SearchDocument } from '@atrium/plugin-search/common';

/** How a collator's documents rank: `text` is a summary (weight C, e.g. a description) or a body (weight D, e.g. a page). */
export type TextWeight = 'summary' | 'body';

/**
 * What incremental updates write to. A collator that can tell what changed keeps its documents fresh
 * between full reindexes through this (the catalog collator on entity change events, TechDocs on builds).
 */
export interface SearchIndexWriter {
  /** Adds or replaces documents (by `location`). */
  upsert(documents: SearchDocument[]): Promise<void>;
  /** Removes documents by `location`. */
  remove(locations: string[]): Promise<void>;
  /** Replaces every document of one entity (documents carry `entityRef`) with these. */
  replaceEntity(entityRef: string, documents: SearchDocument[]): Promise<void>;
}

/** A source of documents of one type. */
export interface SearchCollator {
  /** The document type, e.g. `software-catalog`; the value of `types[]` in queries. */
  type: string;
  /** Every document of the type, in batches; a full reindex writes them into a new generation. */
  collate(signal: AbortSignal): AsyncIterable<SearchDocument[]>;
  textWeight?: TextWeight;
  /**
   * How often a full reindex runs (default every 10 minutes). Without an `initialDelay`, the first one
   * after start-up waits until the type's incremental writes have paused for 5 seconds (at most 2 minutes).
   */
  schedule?: { frequency?: TaskDefinition['frequency']; timeout?: HumanDuration; initialDelay?: HumanDuration };
  /** Called once at start-up with a writer for this type: subscribe to change events here. */
  subscribe?(writer: SearchIndexWriter): void | Promise<void>;
}

export interface SearchIndexRegistryExtensionPoint {
  addCollator(...collators: SearchCollator[]): void;
}

/** Modules of the search plugin add collators through this. */
export const searchIndexRegistryExtensionPoint = createExtensionPoint<SearchIndexRegistryExtensionPoint>({ id: 'search.index-registry/v1' });
