/**
 * `catalog.rules`: which kinds may come from which locations. No rules configured allows every kind
 * (as Backstage); a config location's own `rules` apply to entities that originate from it.
 */
export interface KindRule {
  allow: string[];
  locations?: Array<{ type: string; exact?: string; pattern?: string }>;
}

export function createKindPolicy(global: KindRule[] | undefined, perLocation: Map<string, KindRule[]>) {
  const matches = (rule: KindRule, origin: { type: string; target: string }) =>
    !rule.locations ||
    rule.locations.some((l) => l.type === origin.type && (l.exact ? l.exact === origin.target : l.pattern ? globToRegExp(l.pattern).test(origin.target) : true));
  return {
    /** Whether an entity of `kind` may be emitted by something that originates at `originKey` (`type:target`). */
    isAllowed(kind: string, originKey: string): boolean {
      const colon = originKey.indexOf(':');
      const origin = { type: originKey.slice(0, colon), target: originKey.slice(colon + 1) };
      const rules = [...(global ?? []), ...(perLocation.get(originKey) ?? [])];
      if (global === undefined && !perLocation.has(originKey)) return true;
      const k = kind.toLocaleLowerCase('en-US');
      return rules.some((r) => matches(r, origin) && r.allow.some((a) => a.toLocaleLowerCase('en-US') === k));
    },
  };
}

function globToRegExp(pattern: string): RegExp {
  const escaped = pattern.split('**').map((part) => part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*'));
  return new RegExp(`^${escaped.join('.*')}$`);
}

export type KindPolicy = ReturnType<typeof createKindPolicy>;
