import { describe, expect, it } from 'vitest';
import type { Entity } from '@atrium/model';
import { entitySourceLinks } from './entityLinks';
import { queryKeyMentions } from './useLiveEntityUpdates';

const withAnnotations = (annotations: Record<string, string>): Entity =>
  ({ apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'x', annotations } });

describe('view and edit source links', () => {
  it('use the descriptor a git location was read from, editing it through /edit/', () => {
    const links = entitySourceLinks(withAnnotations({
      'backstage.io/managed-by-location': 'url:https://git.example.com/acme/web/blob/main/catalog-info.yaml',
      'backstage.io/source-location': 'url:https://git.example.com/acme/web/tree/main/',
    }));
    expect(links.viewUrl).toBe('https://git.example.com/acme/web/blob/main/catalog-info.yaml');
    expect(links.editUrl).toBe('https://git.example.com/acme/web/edit/main/catalog-info.yaml');
    expect(links.sourceLocation).toBe('url:https://git.example.com/acme/web/tree/main/');
  });

  it('prefer explicit view and edit URLs, and offer none for files on the server', () => {
    expect(entitySourceLinks(withAnnotations({ 'backstage.io/view-url': 'https://v', 'backstage.io/edit-url': 'https://e', 'backstage.io/managed-by-location': 'url:https://x/blob/main/a.yaml' })))
      .toMatchObject({ viewUrl: 'https://v', editUrl: 'https://e' });
    expect(entitySourceLinks(withAnnotations({ 'backstage.io/managed-by-location': 'file:/srv/catalog/a.yaml' }))).toMatchObject({ viewUrl: undefined, editUrl: undefined });
  });
});

describe('which cached queries a catalog change touches', () => {
  const changed = new Set(['component:default/web-player']);
  it('finds a ref anywhere in a query key, whatever its case', () => {
    expect(queryKeyMentions(['atrium', 'entity', 'component:default/web-player'], changed)).toBe(true);
    expect(queryKeyMentions(['catalog', 'by-refs', ['api:default/a', 'Component:default/Web-Player'], ['kind']], changed)).toBe(true);
    expect(queryKeyMentions(['catalog', 'graph', { root: 'component:default/web-player' }], changed)).toBe(true);
  });
  it('leaves other queries alone', () => {
    expect(queryKeyMentions(['catalog', 'by-query', { filter: 'kind=component' }], changed)).toBe(false);
    expect(queryKeyMentions(['atrium', 'entity', 'component:default/web-player-2'], changed)).toBe(false);
  });
});
