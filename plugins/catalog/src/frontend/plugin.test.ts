import { describe, expect, it, vi } from 'vitest';
import { createExtensionRegistry, selectForEntity } from '@atrium/frontend';
import type { Entity } from '@atrium/model';
import { catalogFrontendPlugin } from './plugin';

const entity = (kind: string, extra: Partial<Entity> = {}): Entity => ({ apiVersion: 'backstage.io/v1alpha1', kind, metadata: { name: 'x' }, ...extra });
const cardsFor = (e: Entity) => {
  const { entityCards } = createExtensionRegistry([catalogFrontendPlugin], { warn: () => {} });
  return selectForEntity(entityCards, e).map(c => c.id);
};

describe('catalogFrontendPlugin', () => {
  it('registers the /catalog page and its nav item without warnings', () => {
    const warn = vi.fn();
    const registry = createExtensionRegistry([catalogFrontendPlugin], { warn });
    expect(warn).not.toHaveBeenCalled();
    expect(registry.pages.map(p => p.path)).toEqual(['/catalog', '/catalog-import', '/catalog-errors', '/org']);
    expect(registry.nav.map(n => n.to)).toEqual(['/catalog', '/org']);
    expect(registry.entityTabs.map(t => t.path)).toEqual(['relations']);
  });

  it('offers the relation cards that fit each kind', () => {
    expect(cardsFor(entity('Component'))).toEqual(['provided-apis', 'consumed-apis', 'depends-on', 'dependents', 'subcomponents']);
    expect(cardsFor(entity('System'))).toEqual(['system-components', 'system-apis', 'system-resources']);
    expect(cardsFor(entity('Domain'))).toEqual(['domain-systems']);
    expect(cardsFor(entity('API'))).toEqual(['api-providers', 'api-consumers']);
    expect(cardsFor(entity('Group'))).toEqual(['profile', 'group-members', 'group-children', 'ownership']);
    expect(cardsFor(entity('User'))).toEqual(['profile', 'user-groups', 'ownership']);
  });

  it('shows the processing status card first, only when the entity has status items', () => {
    const broken = entity('Component', { status: { items: [{ type: 'backstage.io/catalog-processing', level: 'error', message: 'bad' }] } });
    expect(cardsFor(broken)[0]).toBe('processing-status');
    expect(cardsFor(entity('Component'))).not.toContain('processing-status');
  });
});
