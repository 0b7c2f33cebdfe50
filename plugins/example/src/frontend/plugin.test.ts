import { describe, expect, it, vi } from 'vitest';
import { createExtensionRegistry, selectForEntity } from '@atrium/frontend';
import type { Entity } from '@atrium/model';
import { exampleFrontendPlugin } from './plugin';

const entity = (kind: string): Entity => ({ apiVersion: 'backstage.io/v1alpha1', kind, metadata: { name: 'x' } });

describe('exampleFrontendPlugin', () => {
  it('registers its page, nav item, tab and widget without warnings', () => {
    const warn = vi.fn();
    const registry = createExtensionRegistry([exampleFrontendPlugin], { warn });
    expect(warn).not.toHaveBeenCalled();
    expect(registry.pages.map(p => p.path)).toEqual(['/example']);
    expect(registry.nav.map(n => n.to)).toEqual(['/example']);
    expect(registry.homeWidgets.map(w => w.extensionId)).toEqual(['example/homeWidget/latest-greetings']);
  });

  it('offers the Greetings tab on components only', () => {
    const { entityTabs } = createExtensionRegistry([exampleFrontendPlugin], { warn: () => {} });
    expect(selectForEntity(entityTabs, entity('Component')).map(t => t.path)).toEqual(['greetings']);
    expect(selectForEntity(entityTabs, entity('Group'))).toEqual([]);
  });
});
