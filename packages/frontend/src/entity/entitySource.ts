import type { Entity } from '@atrium/model';

/** What unregistering an entity would remove, worked out before the user confirms. */
export interface UnregisterPlan {
  /** The registered location that goes, with every entity read through it. */
  location?: { id: string; type: string; target: string };
  /** Entities that disappear from the catalog (refs), the entity itself included. */
  entityRefs: string[];
  /** Set when only the entity itself is deleted (an orphan, or one with no registered location). */
  entityUid?: string;
  /**
   * Why nothing can be unregistered from the portal, e.g. the entity comes from app-config or a
   * discovery provider and would come back at the next refresh.
   */
  blockedReason?: string;
  /** Where the entity came from (`url:https://…`), to show the user. */
  origin?: string;
}

/**
 * Where the entity page gets entities and how it acts on them. The catalog plugin provides the real
 * one; an app may pass a placeholder until then. Optional capabilities hide their buttons when absent.
 */
export interface EntitySource {
  /** The entity for a ref like `component:default/my-service`, or undefined when there is none. */
  getEntity(entityRef: string): Promise<Entity | undefined>;
  /** Asks the catalog to read the entity's source again now. */
  refreshEntity?(entityRef: string): Promise<void>;
  /** When the catalog last read the entity's source and when it will next (ISO times; null: not yet). */
  getRefreshState?(entityRef: string): Promise<{ processedAt: string | null; nextRefreshAt: string } | undefined>;
  planUnregister?(entity: Entity): Promise<UnregisterPlan>;
  unregister?(plan: UnregisterPlan): Promise<void>;
  /**
   * Calls `onChange` with the refs (lowercase) of entities that changed in the catalog, as they change;
   * with an empty list when changes may have been missed (after a reconnect). Returns the unsubscribe function.
   */
  subscribe?(onChange: (entityRefs: string[]) => void): () => void;
}

/** An entity source over a fixed list, for tests and placeholders. */
export function createStaticEntitySource(entities: readonly Entity[]): EntitySource {
  const key = (e: Entity) => `${e.kind}:${e.metadata.namespace ?? 'default'}/${e.metadata.name}`.toLocaleLowerCase('en-US');
  const byRef = new Map(entities.map(e => [key(e), e]));
  return { getEntity: async ref => byRef.get(ref.toLocaleLowerCase('en-US')) };
}
