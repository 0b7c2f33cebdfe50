import { DEFAULT_NAMESPACE } from './entity.js';
import type { CompoundEntityRef, Entity } from './entity.js';

/**
 * `kind:namespace/name`, lowercased, as Backstage's canonical form. (`toLowerCase` equals Backstage's
 * `toLocaleLowerCase('en-US')` — en-US has no special casing — and is much faster on hot paths.)
 */
export function stringifyEntityRef(ref: CompoundEntityRef | Entity): string {
  const c = 'metadata' in ref
    ? { kind: ref.kind, namespace: ref.metadata.namespace ?? DEFAULT_NAMESPACE, name: ref.metadata.name }
    : ref;
  return `${c.kind}:${c.namespace}/${c.name}`.toLowerCase();
}

/**
 * Parses `[kind:][namespace/]name`, filling missing parts from the context; throws a `TypeError`
 * on empty parts or when there is neither a kind nor a default kind.
 */
export function parseEntityRef(ref: string, context: { defaultKind?: string; defaultNamespace?: string } = {}): CompoundEntityRef {
  const input = ref.trim();
  const colon = input.indexOf(':');
  const slash = input.indexOf('/');
  // A slash before the first colon means the colon belongs to the name, not to a kind.
  const hasKind = colon !== -1 && (slash === -1 || colon < slash);
  const kind = hasKind ? input.slice(0, colon) : context.defaultKind;
  const rest = hasKind ? input.slice(colon + 1) : input;
  const restSlash = rest.indexOf('/');
  const namespace = restSlash === -1 ? (context.defaultNamespace ?? DEFAULT_NAMESPACE) : rest.slice(0, restSlash);
  const name = restSlash === -1 ? rest : rest.slice(restSlash + 1);
  if (!kind) throw new TypeError(`Entity reference "${ref}" has no kind and no default kind was given`);
  if (!namespace || !name) throw new TypeError(`Entity reference "${ref}" has an empty namespace or name`);
  return { kind, namespace, name };
}

/** A reference as written in a spec field: a string or the compound form (for parts containing `:` or `/`). */
export type EntityRefInput = string | { kind?: string; namespace?: string; name: string };

/** Context for resolving spec references: the namespace is the referring entity's, not `default`. */
export interface RefFieldContext {
  defaultKind?: string;
  defaultNamespace: string;
}

/**
 * Resolves a reference from a spec field (string or compound form) against the referring entity.
 * Throws a `TypeError` naming the problem for empty parts, a missing kind, or a value of the wrong type.
 */
export function parseRefField(value: EntityRefInput, context: RefFieldContext): CompoundEntityRef {
  if (typeof value === 'string') {
    if (!value.trim()) throw new TypeError('Entity reference is empty');
    return parseEntityRef(value, context);
  }
  if (typeof value !== 'object' || value === null) {
    throw new TypeError(`Entity reference must be a string or an object with a name, got ${typeof value}`);
  }
  const kind = value.kind ?? context.defaultKind;
  const namespace = value.namespace ?? context.defaultNamespace;
  const name = value.name;
  for (const [part, v] of [['kind', kind], ['namespace', namespace], ['name', name]] as const) {
    if (part === 'kind' && v === undefined) throw new TypeError('Entity reference has no kind and no default kind was given');
    if (typeof v !== 'string' || !v) throw new TypeError(`Entity reference has an empty or invalid ${part}`);
  }
  return { kind: kind as string, namespace, name };
}
