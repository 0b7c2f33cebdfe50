import type { Entity } from '@atrium/model';
import type { Registered } from '../plugin/types';

/**
 * The contributions whose `if` accepts the entity. A predicate that throws hides its contribution
 * (logged) instead of breaking the page.
 */
export function selectForEntity<T extends { if?: (entity: Entity) => boolean }>(items: readonly Registered<T>[], entity: Entity): Registered<T>[] {
  return items.filter(item => {
    if (!item.if) return true;
    try {
      return Boolean(item.if(entity));
    } catch (error) {
      console.warn(`[atrium] the "if" of ${item.extensionId} threw; hiding it`, error);
      return false;
    }
  });
}

/** Predicate helper: the entity is of one of these kinds (case-insensitive). */
export function isKind(...kinds: string[]): (entity: Entity) => boolean {
  const wanted = new Set(kinds.map(k => k.toLowerCase()));
  return entity => wanted.has(entity.kind.toLowerCase());
}

/** Predicate helper: the entity has this annotation. */
export function hasAnnotation(annotation: string): (entity: Entity) => boolean {
  return entity => Boolean(entity.metadata.annotations?.[annotation]);
}
