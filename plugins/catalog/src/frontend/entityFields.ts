import type { Entity } from '@atrium/model';

/** A spec or profile field when it is a non-empty string. */
export const stringField = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

/** `spec.profile` of users and groups. */
export function profileOf(entity: Entity): { displayName?: string; email?: string } {
  const profile = entity.spec?.profile;
  if (!profile || typeof profile !== 'object') return {};
  const p = profile as Record<string, unknown>;
  return { displayName: stringField(p.displayName), email: stringField(p.email) };
}

/** What to call an entity: its title, a person's or group's display name, else its name. */
export function displayTitle(entity: Entity): string {
  return entity.metadata.title ?? profileOf(entity).displayName ?? entity.metadata.name;
}

/** Target refs of the entity's relations of one type, sorted so cards list them stably. */
export function relationTargets(entity: Entity, type: string, kind?: string): string[] {
  const wantedType = type.toLowerCase();
  const kindPrefix = kind ? `${kind.toLowerCase()}:` : undefined;
  const refs = (entity.relations ?? [])
    .filter(r => r.type.toLowerCase() === wantedType)
    .map(r => r.targetRef)
    .filter(ref => !kindPrefix || ref.toLowerCase().startsWith(kindPrefix));
  return [...new Set(refs)].sort();
}

/** "group:default/playback-team" → "playback-team"; keeps the namespace when it is not the default one. */
export function shortRef(ref: string): string {
  const match = /^(?:([^:]+):)?(?:([^/]+)\/)?(.+)$/.exec(ref);
  if (!match) return ref;
  const [, , namespace, name] = match;
  return namespace && namespace !== 'default' ? `${namespace}/${name}` : (name ?? ref);
}
