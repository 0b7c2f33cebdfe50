import type { Entity } from '@atrium/model';

export interface TemplateFilters { q: string; types: string[]; tags: string[] }

/** Filters from the URL (`?q=&type=a,b&tags=x,y`), so a filtered list can be shared. */
export function readFilters(params: URLSearchParams): TemplateFilters {
  const list = (k: string) => (params.get(k) ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return { q: params.get('q') ?? '', types: list('type'), tags: list('tags') };
}

export function writeFilters(f: TemplateFilters): URLSearchParams {
  const p = new URLSearchParams();
  if (f.q) p.set('q', f.q);
  if (f.types.length) p.set('type', f.types.join(','));
  if (f.tags.length) p.set('tags', f.tags.join(','));
  return p;
}

export const templateRef = (t: Entity) => `template:${t.metadata.namespace ?? 'default'}/${t.metadata.name}`.toLowerCase();
const typeOf = (t: Entity) => String(t.spec?.type ?? 'other');

/**
 * Templates matching the filters, grouped by `spec.type` (groups alphabetical, "other" last), each
 * group with starred templates first, then by title.
 */
export function groupTemplates(templates: Entity[], f: TemplateFilters, isStarred: (ref: string) => boolean): Array<{ type: string; items: Entity[] }> {
  const q = f.q.toLowerCase();
  const shown = templates.filter((t) => {
    if (f.types.length && !f.types.includes(typeOf(t))) return false;
    if (f.tags.length && !f.tags.every((tag) => t.metadata.tags?.includes(tag))) return false;
    if (!q) return true;
    return [t.metadata.name, t.metadata.title, t.metadata.description, ...(t.metadata.tags ?? [])].some((s) => s?.toLowerCase().includes(q));
  });
  const groups = new Map<string, Entity[]>();
  for (const t of shown) groups.set(typeOf(t), [...(groups.get(typeOf(t)) ?? []), t]);
  const title = (t: Entity) => (t.metadata.title ?? t.metadata.name).toLowerCase();
  return [...groups.entries()]
    .sort(([a], [b]) => (a === 'other' ? 1 : b === 'other' ? -1 : a.localeCompare(b)))
    .map(([type, items]) => ({
      type,
      items: items.sort((a, b) => Number(isStarred(templateRef(b))) - Number(isStarred(templateRef(a))) || title(a).localeCompare(title(b))),
    }));
}

/** Every type and tag among the templates, for the filter controls. */
export function facets(templates: Entity[]): { types: string[]; tags: string[] } {
  return {
    types: [...new Set(templates.map(typeOf))].sort(),
    tags: [...new Set(templates.flatMap((t) => t.metadata.tags ?? []))].sort(),
  };
}
