import type { SearchResult } from '@atrium/plugin-search/common';
import { CATALOG_DOCUMENT_TYPE, TECHDOCS_DOCUMENT_TYPE } from '@atrium/plugin-search/common';

export interface PaletteItem {
  key: string;
  label: string;
  description?: string;
  to: string;
  kind?: string;
}

export interface PaletteGroups {
  entities: PaletteItem[];
  templates: PaletteItem[];
  docs: PaletteItem[];
  other: PaletteItem[];
}

const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
const owner = (v: unknown) => str(v)?.replace(/^group:default\//, '');

/** Search results sorted into the palette's groups, each capped so the list stays scannable. */
export function groupResults(results: SearchResult[]): PaletteGroups {
  const groups: PaletteGroups = { entities: [], templates: [], docs: [], other: [] };
  for (const r of results) {
    const d = r.document;
    const key = `${r.type}:${d.location}`;
    if (r.type === CATALOG_DOCUMENT_TYPE && str(d.kind)?.toLowerCase() === 'template') {
      groups.templates.push({ key, label: d.title, description: d.text || undefined, to: str(d.templateLocation) ?? d.location, kind: 'template' });
    } else if (r.type === CATALOG_DOCUMENT_TYPE) {
      const facts = [str(d.kind), str(d.type) !== 'other' ? str(d.type) : undefined, owner(d.owner), str(d.lifecycle)].filter(Boolean).join(' · ');
      groups.entities.push({ key, label: d.title, description: facts, to: d.location, kind: str(d.kind) });
    } else if (r.type === TECHDOCS_DOCUMENT_TYPE) {
      groups.docs.push({ key, label: d.title, description: [str(d.entityTitle), str(d.path) !== d.title ? str(d.path) : undefined].filter(Boolean).join(' › '), to: d.location });
    } else {
      groups.other.push({ key, label: d.title, description: d.text.slice(0, 120) || undefined, to: d.location });
    }
  }
  return { entities: groups.entities.slice(0, 7), templates: groups.templates.slice(0, 3), docs: groups.docs.slice(0, 4), other: groups.other.slice(0, 3) };
}
