import { describe, expect, it, vi } from 'vitest';
import { defineFrontendPlugin } from './defineFrontendPlugin';
import { createExtensionRegistry } from './registry';

const load = () => Promise.resolve({ default: () => null });

function logger() {
  return { warn: vi.fn() };
}

describe('createExtensionRegistry', () => {
  it('namespaces extension ids as <pluginId>/<kind>/<id>', () => {
    const plugin = defineFrontendPlugin({
      id: 'docs',
      pages: [{ path: '/docs', title: 'Docs', load }],
      entityTabs: [{ id: 'docs', title: 'Docs', path: 'docs', load }],
    });
    const registry = createExtensionRegistry([plugin], logger());
    expect(registry.pages[0]?.extensionId).toBe('docs/page//docs');
    expect(registry.entityTabs[0]).toMatchObject({ extensionId: 'docs/entityTab/docs', pluginId: 'docs' });
  });

  it('skips a contribution with missing fields and logs a warning, keeping the rest', () => {
    const log = logger();
    const plugin = defineFrontendPlugin({
      id: 'broken',
      pages: [
        { path: 'no-slash', title: 'Bad', load },
        { path: '/ok', title: 'Ok', load },
        { path: '/no-load', title: 'No load' } as never,
      ],
      nav: [{ title: '', icon: 'home', to: '/ok' }],
    });
    const registry = createExtensionRegistry([plugin], log);
    expect(registry.pages.map(p => p.path)).toEqual(['/ok']);
    expect(registry.nav).toEqual([]);
    expect(log.warn).toHaveBeenCalledTimes(3);
    expect(log.warn.mock.calls[0]?.[0]).toContain('plugin "broken", page #1');
  });

  it('skips a page whose path another plugin already took', () => {
    const log = logger();
    const a = defineFrontendPlugin({ id: 'a', pages: [{ path: '/shared', title: 'A', load }] });
    const b = defineFrontendPlugin({ id: 'b', pages: [{ path: '/Shared/', title: 'B', load }] });
    const registry = createExtensionRegistry([a, b], log);
    expect(registry.pages.map(p => p.pluginId)).toEqual(['a']);
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('already taken by a/page//shared'));
  });

  it('skips duplicate ids, duplicate plugins and invalid plugin ids', () => {
    const log = logger();
    const widget = { id: 'w', title: 'W', load };
    const registry = createExtensionRegistry([
      defineFrontendPlugin({ id: 'p', homeWidgets: [widget, widget] }),
      defineFrontendPlugin({ id: 'p' }),
      defineFrontendPlugin({ id: 'Not Valid' }),
    ], log);
    expect(registry.homeWidgets).toHaveLength(1);
    expect(registry.plugins.map(p => p.id)).toEqual(['p']);
    expect(log.warn).toHaveBeenCalledTimes(3);
  });

  it('orders nav items by order, then by plugin order', () => {
    const registry = createExtensionRegistry([
      defineFrontendPlugin({ id: 'x', nav: [{ title: 'X', icon: 'box', to: '/x' }, { title: 'Home', icon: 'home', to: '/', order: 0 }] }),
      defineFrontendPlugin({ id: 'y', nav: [{ title: 'Y', icon: 'box', to: '/y', order: 10 }] }),
    ], logger());
    expect(registry.nav.map(n => n.title)).toEqual(['Home', 'Y', 'X']);
  });
});
