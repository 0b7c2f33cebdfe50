/**
 * Relation types and their inverses. The catalog stores both directions, so every outgoing relation
 * derived from a spec has a reverse one on the target.
 */

export const RELATION_OWNED_BY = 'ownedBy';
export const RELATION_OWNER_OF = 'ownerOf';
export const RELATION_PART_OF = 'partOf';
export const RELATION_HAS_PART = 'hasPart';
export const RELATION_PROVIDES_API = 'providesApi';
export const RELATION_API_PROVIDED_BY = 'apiProvidedBy';
export const RELATION_CONSUMES_API = 'consumesApi';
export const RELATION_API_CONSUMED_BY = 'apiConsumedBy';
export const RELATION_DEPENDS_ON = 'dependsOn';
export const RELATION_DEPENDENCY_OF = 'dependencyOf';
export const RELATION_MEMBER_OF = 'memberOf';
export const RELATION_HAS_MEMBER = 'hasMember';
export const RELATION_PARENT_OF = 'parentOf';
export const RELATION_CHILD_OF = 'childOf';

/** Each well-known relation type mapped to its inverse, in both directions. */
export const RELATION_PAIRS: Readonly<Record<string, string>> = Object.freeze({
  [RELATION_OWNED_BY]: RELATION_OWNER_OF,
  [RELATION_OWNER_OF]: RELATION_OWNED_BY,
  [RELATION_PART_OF]: RELATION_HAS_PART,
  [RELATION_HAS_PART]: RELATION_PART_OF,
  [RELATION_PROVIDES_API]: RELATION_API_PROVIDED_BY,
  [RELATION_API_PROVIDED_BY]: RELATION_PROVIDES_API,
  [RELATION_CONSUMES_API]: RELATION_API_CONSUMED_BY,
  [RELATION_API_CONSUMED_BY]: RELATION_CONSUMES_API,
  [RELATION_DEPENDS_ON]: RELATION_DEPENDENCY_OF,
  [RELATION_DEPENDENCY_OF]: RELATION_DEPENDS_ON,
  [RELATION_MEMBER_OF]: RELATION_HAS_MEMBER,
  [RELATION_HAS_MEMBER]: RELATION_MEMBER_OF,
  [RELATION_PARENT_OF]: RELATION_CHILD_OF,
  [RELATION_CHILD_OF]: RELATION_PARENT_OF,
});

/**
 * The inverse of a relation type, or `undefined` for types that are not well known
 * (processors may emit their own types; those have no implied reverse).
 */
export function inverseRelation(type: string): string | undefined {
  return Object.hasOwn(RELATION_PAIRS, type) ? RELATION_PAIRS[type] : undefined;
}
