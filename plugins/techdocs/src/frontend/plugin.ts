import { defineFrontendPlugin } from '@atrium/frontend';
import { TECHDOCS_ENTITY_ANNOTATION, TECHDOCS_PLUGIN_ID, TECHDOCS_REF_ANNOTATION } from '@atrium/plugin-techdocs/common';

/** TechDocs in the portal: `/docs` (index and reader), a Docs tab on documented entities, docs search results. */
export const techdocsFrontendPlugin = defineFrontendPlugin({
  id: TECHDOCS_PLUGIN_ID,
  pages: [{ path: '/docs', title: 'Docs', load: () => import('./DocsPage') }],
  nav: [{ title: 'Docs', icon: 'book', to: '/docs', order: 20 }],
  entityTabs: [{
    id: 'docs', title: 'Docs', path: 'docs', order: 5,
    if: (entity) => Boolean(entity.metadata.annotations?.[TECHDOCS_REF_ANNOTATION] || entity.metadata.annotations?.[TECHDOCS_ENTITY_ANNOTATION]),
    load: () => import('./DocsTab'),
  }],
  searchResults: [{ type: 'techdocs', load: () => import('./TechDocsSearchResult') }],
});
