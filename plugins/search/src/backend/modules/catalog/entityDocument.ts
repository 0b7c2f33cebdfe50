import { DEFAULT_NAMESPACE, RELATION_OWNED_BY, stringifyEntityRef, type Entity } from '@atrium/model';
import type { SearchDocument } from '@atrium/plugin-search/common';

/** The fields the collator asks the catalog for: nothing it does not index. */
export const ENTITY_FIELDS = ['kind', 'metadata.name', 'metadata.namespace', 'metadata.title', 'metadata.description', 'metadata.tags', 'spec.type', 'spec.lifecycle', 'spec.owner', 'spec.profile', 'relations'];

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);

/** Where an entity's page is: `/catalog/<namespace>/<kind, lowercase>/<name>`, as the portal routes it. */
export function entityLocation(entity: Entity): string {
  const ns = entity.metadata.namespace ?? DEFAULT_NAMESPACE;
  return `/catalog/${encodeURIComponent(ns)}/${encodeURIComponent(entity.kind.toLowerCase())}/${encodeURIComponent(entity.metadata.name)}`;
}

/**
 * An entity as a `software-catalog` document, with Backstage's fields (`kind`, `type`, `componentType`,
 * `lifecycle`, `owner`, `namespace`; text = description plus a person's or team's display name and email).
 * Templates also carry `templateLocation`, the scaffolder page that runs them.
 */
export function entityToDocument(entity: Entity): SearchDocument {
  const spec = (entity.spec ?? {}) as Record<string, unknown>;
  const profile = (spec.profile ?? {}) as Record<string, unknown>;
  const namespace = entity.metadata.namespace ?? DEFAULT_NAMESPACE;
  const owner = entity.relations?.find((r) => r.type === RELATION_OWNED_BY)?.targetRef ?? text(spec.owner);
  const type = text(spec.type) ?? 'other';
  const description = [text(entity.metadata.description), text(profile.displayName), text(profile.email)].filter(Boolean).join(' : ');
  const doc: SearchDocument = {
    title: text(entity.metadata.title) ?? entity.metadata.name,
    text: description,
    location: entityLocation(entity),
    entityRef: stringifyEntityRef(entity),
    name: entity.metadata.name,
    namespace,
    kind: entity.kind,
    type,
    componentType: type,
    tags: Array.isArray(entity.metadata.tags) ? entity.metadata.tags.filter((t): t is string => typeof t === 'string') : [],
  };
  if (text(spec.lifecycle)) doc.lifecycle = text(spec.lifecycle);
  if (owner) doc.owner = owner.toLowerCase();
  if (entity.kind.toLowerCase() === 'template') {
    doc.templateLocation = `/create/templates/${encodeURIComponent(namespace)}/${encodeURIComponent(entity.metadata.name)}`;
  }
  return doc;
}
