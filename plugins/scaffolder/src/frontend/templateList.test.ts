import { describe, expect, it } from 'vitest';
import type { Entity } from '@atrium/model';
import { facets, groupTemplates, readFilters, writeFilters } from './templateList';

const t = (name: string, type: string, tags: string[] = [], title?: string): Entity => ({
  apiVersion: 'scaffolder.backstage.io/v1beta3', kind: 'Template', metadata: { name, namespace: 'default', tags, title }, spec: { type },
});
const all = [t('web', 'website', ['frontend']), t('svc-b', 'service', ['go'], 'B service'), t('svc-a', 'service', ['node'], 'A service'), t('misc', 'other'), t('docs', 'documentation', ['techdocs'])];

describe('the templates list', () => {
  it('groups by type, other last, with starred templates first in each group', () => {
    const groups = groupTemplates(all, { q: '', types: [], tags: [] }, (ref) => ref === 'template:default/svc-b');
    expect(groups.map((g) => g.type)).toEqual(['documentation', 'service', 'website', 'other']);
    expect(groups[1]!.items.map((i) => i.metadata.name)).toEqual(['svc-b', 'svc-a']);
    expect(groupTemplates(all, { q: '', types: [], tags: [] }, () => false)[1]!.items.map((i) => i.metadata.name)).toEqual(['svc-a', 'svc-b']);
  });

  it('filters by type, tags and text, from and to the URL', () => {
    const f = readFilters(new URLSearchParams('type=service&tags=go&q=b'));
    expect(f).toEqual({ q: 'b', types: ['service'], tags: ['go'] });
    expect(groupTemplates(all, f, () => false).flatMap((g) => g.items.map((i) => i.metadata.name))).toEqual(['svc-b']);
    expect(writeFilters(f).toString()).toBe('q=b&type=service&tags=go');
    expect(facets(all)).toEqual({ types: ['documentation', 'other', 'service', 'website'], tags: ['frontend', 'go', 'node', 'techdocs'] });
  });
});
