/**
 * Derives an entity's outgoing relations from its spec, per Backstage's built-in kinds
 * (`BuiltinKindsEntityProcessor`). The catalog also stores the inverse of each; see `withInverseRelations`.
 */
import type { Entity } from './entity.js';
import { DEFAULT_NAMESPACE } from './entity.js';
import type { EntityError } from './errors.js';
import { fieldPath } from './errors.js';
import type { EntityRefInput } from './ref.js';
import { parseRefField, stringifyEntityRef } from './ref.js';
import {
  RELATION_CHILD_OF, RELATION_CONSUMES_API, RELATION_DEPENDENCY_OF, RELATION_DEPENDS_ON, RELATION_HAS_MEMBER,
  RELATION_MEMBER_OF, RELATION_OWNED_BY, RELATION_PARENT_OF, RELATION_PART_OF, RELATION_PROVIDES_API, inverseRelation,
} from './relations.js';

/** A relation as derived from a spec: type and canonical lowercase target ref. */
export interface SpecRelation {
  type: string;
  targetRef: string;
}

/** A relation row with both ends, as the catalog's `relations` table holds it. */
export interface RelationRow {
  sourceRef: string;
  type: string;
  targetRef: string;
}

/** One spec field that holds references: its relation type and the kind assumed when a ref has none. */
interface RefFieldRule {
  field: string;
  relation: string;
  /** Undefined means the ref must name its kind (dependsOn/dependencyOf may point at any kind). */
  defaultKind?: string;
}

const owner: RefFieldRule = { field: 'owner', relation: RELATION_OWNED_BY, defaultKind: 'Group' };
const system: RefFieldRule = { field: 'system', relation: RELATION_PART_OF, defaultKind: 'System' };
const dependsOn: RefFieldRule = { field: 'dependsOn', relation: RELATION_DEPENDS_ON };
const dependencyOf: RefFieldRule = { field: 'dependencyOf', relation: RELATION_DEPENDENCY_OF };

/** Keyed by lowercase kind, because kinds compare case-insensitively. */
const RULES_BY_KIND: Readonly<Record<string, readonly RefFieldRule[]>> = {
  component: [
    owner, system,
    { field: 'subcomponentOf', relation: RELATION_PART_OF, defaultKind: 'Component' },
    { field: 'providesApis', relation: RELATION_PROVIDES_API, defaultKind: 'API' },
    { field: 'consumesApis', relation: RELATION_CONSUMES_API, defaultKind: 'API' },
    dependsOn, dependencyOf,
  ],
  api: [owner, system],
  resource: [owner, system, dependsOn, dependencyOf],
  system: [owner, { field: 'domain', relation: RELATION_PART_OF, defaultKind: 'Domain' }],
  domain: [owner, { field: 'subdomainOf', relation: RELATION_PART_OF, defaultKind: 'Domain' }],
  group: [
    { field: 'parent', relation: RELATION_CHILD_OF, defaultKind: 'Group' },
    { field: 'children', relation: RELATION_PARENT_OF, defaultKind: 'Group' },
    { field: 'members', relation: RELATION_HAS_MEMBER, defaultKind: 'User' },
  ],
  user: [{ field: 'memberOf', relation: RELATION_MEMBER_OF, defaultKind: 'Group' }],
  template: [owner],
};

/**
 * Outgoing relations implied by the spec of a built-in kind (other kinds yield none). Refs resolve
 * against the entity's own namespace. Unparseable refs are reported in `errors` (never thrown),
 * and duplicate relations are dropped.
 */
export function relationsFromSpec(entity: Entity): { relations: SpecRelation[]; errors: EntityError[] } {
  const rules = RULES_BY_KIND[entity.kind.toLowerCase()] ?? [];
  const spec = entity.spec ?? {};
  const defaultNamespace = entity.metadata.namespace ?? DEFAULT_NAMESPACE;
  const relations: SpecRelation[] = [];
  const errors: EntityError[] = [];
  const seen = new Set<string>();

  const add = (rule: RefFieldRule, value: unknown, field: string) => {
    try {
      const ref = parseRefField(value as EntityRefInput, { defaultKind: rule.defaultKind, defaultNamespace });
      const targetRef = stringifyEntityRef(ref);
      const key = `${rule.relation} ${targetRef}`;
      if (!seen.has(key)) {
        seen.add(key);
        relations.push({ type: rule.relation, targetRef });
      }
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      errors.push({ field, message: `"${field}" is not a valid entity reference: ${reason}`, value });
    }
  };

  for (const rule of rules) {
    const value = spec[rule.field];
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) value.forEach((item, i) => add(rule, item, fieldPath('spec', rule.field, i)));
    else add(rule, value, fieldPath('spec', rule.field));
  }
  return { relations, errors };
}

/**
 * Both directions of each relation from `sourceRef`: the relation itself and, for well-known types,
 * its inverse from the target back to the source — the rows Backstage's processor emits.
 */
export function withInverseRelations(sourceRef: string, relations: readonly SpecRelation[]): RelationRow[] {
  const source = sourceRef.toLowerCase();
  const rows: RelationRow[] = [];
  for (const r of relations) {
    rows.push({ sourceRef: source, type: r.type, targetRef: r.targetRef });
    const inverse = inverseRelation(r.type);
    if (inverse) rows.push({ sourceRef: r.targetRef, type: inverse, targetRef: source });
  }
  return rows;
}
