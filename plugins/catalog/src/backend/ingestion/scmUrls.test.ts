import { describe, expect, it } from 'vitest';
import { scmAnnotationsFor } from './scmUrls.js';

describe('scmAnnotationsFor', () => {
  it('links GitHub descriptors to their view, edit and source folder pages', () => {
    expect(scmAnnotationsFor('https://github.com/acme/web/blob/main/services/api/catalog-info.yaml')).toEqual({
      'backstage.io/view-url': 'https://github.com/acme/web/blob/main/services/api/catalog-info.yaml',
      'backstage.io/edit-url': 'https://github.com/acme/web/edit/main/services/api/catalog-info.yaml',
      'backstage.io/source-location': 'url:https://github.com/acme/web/tree/main/services/api/',
    });
  });

  it("uses GitLab's /-/ form for edit and source links", () => {
    expect(scmAnnotationsFor('https://gitlab.example.test/group/sub/project/-/blob/feature/x/catalog-info.yaml')).toEqual({
      'backstage.io/view-url': 'https://gitlab.example.test/group/sub/project/-/blob/feature/x/catalog-info.yaml',
      'backstage.io/edit-url': 'https://gitlab.example.test/group/sub/project/-/edit/feature/x/catalog-info.yaml',
      'backstage.io/source-location': 'url:https://gitlab.example.test/group/sub/project/-/tree/feature/x/',
    });
  });

  it('omits edit links for generic git servers unless told how to build them', () => {
    const url = 'https://git.example.test/acme/web/blob/v1.2/catalog-info.yaml';
    expect(scmAnnotationsFor(url)).toEqual({
      'backstage.io/view-url': url,
      'backstage.io/source-location': 'url:https://git.example.test/acme/web/tree/v1.2/',
    });
    const gitea = scmAnnotationsFor(url, { resolveEditUrl: (view) => view.replace('/blob/', '/_edit/') });
    expect(gitea['backstage.io/edit-url']).toBe('https://git.example.test/acme/web/_edit/v1.2/catalog-info.yaml');
  });

  it('gives plain http files only a view link, and file URLs nothing', () => {
    expect(scmAnnotationsFor('https://files.example.test/catalog/x.yaml')).toEqual({
      'backstage.io/view-url': 'https://files.example.test/catalog/x.yaml',
    });
    expect(scmAnnotationsFor('file:///srv/x.yaml')).toEqual({});
  });
});
