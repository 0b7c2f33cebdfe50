import { describe, expect, it, vi } from 'vitest';
import type { Entity } from '@atrium/model';
import { defineFrontendPlugin } from '../plugin/defineFrontendPlugin';
import { createExtensionRegistry } from '../plugin/registry';
import { hasAnnotation, isKind, selectForEntity } from './entityExtensions';

const load = () => Promise.resolve({ default: () => null });
const entity = (kind: string, annotations: Record<string, string> = {}): Entity =>
  ({ apiVersion: 'backstage.io/v1alpha1', kind, metadata: { name: 'x', annotations } });

const registry = createExtensionRegistry([defineFrontendPlugin({
  id: 'p',
  entityTabs: [
    { id: 'all', title: 'All', path: 'all', load },
    { id: 'components', title: 'Components', path: 'components', if: isKind('component'), load },
    { id: 'docs', title: 'Docs', path: 'docs', if: hasAnnotation('backstage.io/techdocs-ref'), load },
    { id: 'boom', title: 'Boom', path: 'boom', if: () => { throw new Error('bad predicate'); }, load },
  ],
})], { warn: () => {} });

describe('selectForEntity', () => {
  it('shows only the tabs whose predicate accepts the entity', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(selectForEntity(registry.entityTabs, entity('Component')).map(t => t.id)).toEqual(['all', 'components']);
    expect(selectForEntity(registry.entityTabs, entity('API', { 'backstage.io/techdocs-ref': 'dir:.' })).map(t => t.id)).toEqual(['all', 'docs']);
  });

  it('hides a tab whose predicate throws and logs which one', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(selectForEntity(registry.entityTabs, entity('Group')).map(t => t.id)).toEqual(['all']);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('p/entityTab/boom'), expect.any(Error));
  });
});
