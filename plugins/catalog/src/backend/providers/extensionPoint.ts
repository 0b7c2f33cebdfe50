import { createExtensionPoint } from '@atrium/backend';
import type { Entity } from '@atrium/model';

/** A change a provider makes to its own set of entities (its "bucket"). */
export type EntityProviderMutation =
  /** Replace the whole set: entities not listed are removed (with what they emitted). */
  | { type: 'full'; entities: Array<{ entity: Entity; locationKey?: string }> }
  /** Add or update some, remove some (by entity, or by ref). */
  | { type: 'delta'; added: Array<{ entity: Entity; locationKey?: string }>; removed: Array<{ entity: Entity } | { entityRef: string }> };

export interface EntityProviderConnection {
  applyMutation(mutation: EntityProviderMutation): Promise<void>;
  /** Schedules the entities read from these location keys (`type:target`) for processing now. */
  refresh(options: { locationKeys: string[] }): Promise<void>;
}

/**
 * A source of entities outside descriptor files listed in config: discovery of repositories on a git
 * server or GitHub, an org chart from a directory. Its name is the bucket its entities live in, so it
 * must be stable across restarts. Usually it schedules itself with the scheduler in `connect`.
 */
export interface EntityProvider {
  getProviderName(): string;
  connect(connection: EntityProviderConnection): Promise<void>;
}

export interface CatalogProcessingExtensionPoint {
  addEntityProvider(...providers: EntityProvider[]): void;
}

/** Modules of the catalog plugin add entity providers through this. */
export const catalogProcessingExtensionPoint = createExtensionPoint<CatalogProcessingExtensionPoint>({ id: 'catalog.processing/v1' });
