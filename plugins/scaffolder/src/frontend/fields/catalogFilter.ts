/**
 * Backstage's `catalogFilter` ui:option (an object, or a list of objects that OR together; values a
 * string, a list, or `{ exists: true }`) as catalog `filter` query values.
 */
export function catalogFilterParams(filter: unknown, allowedKinds?: string[]): string[] | undefined {
  const parts = Array.isArray(filter) ? filter : filter && typeof filter === 'object' ? [filter] : [];
  const out = parts.map((part: Record<string, unknown>) => Object.entries(part).flatMap(([key, value]) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) return (value as { exists?: boolean }).exists ? [key] : [];
    return (Array.isArray(value) ? value : [value]).map((v) => `${key}=${String(v)}`);
  }).join(',')).filter(Boolean);
  if (out.length === 0 && allowedKinds?.length) return [allowedKinds.map((k) => `kind=${k}`).join(',')];
  return out.length ? out : undefined;
}

/** `kind:namespace/name` in lowercase kind, as Backstage's pickers store it. */
export function refOf(e: { kind: string; metadata: { name: string; namespace?: string } }): string {
  return `${e.kind.toLowerCase()}:${e.metadata.namespace ?? 'default'}/${e.metadata.name}`;
}
