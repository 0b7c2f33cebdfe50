/**
 * The entity model shared by backend and frontend. The full model (kinds, validation, relations)
 * arrives with the catalog; the envelope and references are here because the frameworks use them.
 */
export interface EntityLink {
  url: string;
  title?: string;
  icon?: string;
  type?: string;
}

export interface EntityMeta {
  name: string;
  namespace?: string;
  title?: string;
  description?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  tags?: string[];
  links?: EntityLink[];
  uid?: string;
  etag?: string;
  [key: string]: unknown;
}

export interface EntityRelation {
  type: string;
  targetRef: string;
}

export interface Entity {
  apiVersion: string;
  kind: string;
  metadata: EntityMeta;
  spec?: Record<string, unknown>;
  relations?: EntityRelation[];
  status?: { items?: Array<{ type: string; level: 'info' | 'warning' | 'error'; message: string; error?: { name: string; message: string } }> };
}

export interface CompoundEntityRef {
  kind: string;
  namespace: string;
  name: string;
}

export const DEFAULT_NAMESPACE = 'default';

/** `kind:namespace/name`, lowercased, as Backstage's canonical form. */
export function stringifyEntityRef(ref: CompoundEntityRef | Entity): string {
  const c = 'metadata' in ref
    ? { kind: ref.kind, namespace: ref.metadata.namespace ?? DEFAULT_NAMESPACE, name: ref.metadata.name }
    : ref;
  return `${c.kind}:${c.namespace}/${c.name}`.toLocaleLowerCase('en-US');
}

/** Parses `[kind:][namespace/]name`, filling missing parts from the context; throws on empty parts. */
export function parseEntityRef(ref: string, context: { defaultKind?: string; defaultNamespace?: string } = {}): CompoundEntityRef {
  const input = ref.trim();
  const colon = input.indexOf(':');
  const slash = input.indexOf('/');
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
