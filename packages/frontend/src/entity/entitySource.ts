import type { Entity } from '@atrium/model';

/**
 * Where the entity page gets entities. The catalog plugin provides the real one; an app may pass a
 * placeholder until then.
 */
export interface EntitySource {
  /** The entity for a ref like `component:default/my-service`, or undefined when there is none. */
  getEntity(entityRef: string): Promise<Entity | undefined>;
}

/** An entity source over a fixed list, for tests and placeholders. */
export function createStaticEntitySource(entities: readonly Entity[]): EntitySource {
  const key = (e: Entity) => `${e.kind}:${e.metadata.namespace ?? 'default'}/${e.metadata.name}`.toLocaleLowerCase('en-US');
  const byRef = new Map(entities.map(e => [key(e), e]));
  return { getEntity: async ref => byRef.get(ref.toLocaleLowerCase('en-US')) };
}
