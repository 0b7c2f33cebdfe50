import { defineFrontendPlugin } from '@atrium/frontend';
import { TECHDOCS_ENTITY_ANNOTATION, TECHDOCS_PLUGIN_ID, TECHDOCS_REF_ANNOTATION } from '@atrium/plugin-techdocs/common';
import { docsPrefetched, parseDocsPath, prefetchDocs } from './prefetch';

// A docs URL opened directly (a link, a reload): the reader's chunk and the page's requests start with
// the portal's own code instead of when the router reaches the route. A route whose chunk is not there
// yet shows its fallback, and React then holds the page back for up to 300 ms (its Suspense reveal
// throttle); a chunk already loaded needs no fallback.
if (typeof window !== 'undefined' && parseDocsPath(window.location.pathname)) {
  prefetchDocs(window.location.pathname);
  void import('./DocsPage');
}

const PREFETCH_WAIT_MS = 500;

/** TechDocs in the portal: `/docs` (index and reader), a Docs tab on documented entities, docs search results. */
export const techdocsFrontendPlugin = defineFrontendPlugin({
  id: TECHDOCS_PLUGIN_ID,
  pages: [{
    path: '/docs', title: 'Docs',
    // The route renders once its answers are in too (up to a bound), so the reader's first render is the page.
    load: async () => {
      const { pathname } = window.location;
      prefetchDocs(pathname);
      const [page] = await Promise.all([import('./DocsPage'), docsPrefetched(pathname, PREFETCH_WAIT_MS)]);
      return page;
    },
  }],
  nav: [{ title: 'Docs', icon: 'book', to: '/docs', order: 20 }],
  entityTabs: [{
    id: 'docs', title: 'Docs', path: 'docs', order: 5,
    if: (entity) => Boolean(entity.metadata.annotations?.[TECHDOCS_REF_ANNOTATION] || entity.metadata.annotations?.[TECHDOCS_ENTITY_ANNOTATION]),
    load: () => import('./DocsTab'),
  }],
  searchResults: [{ type: 'techdocs', load: () => import('./TechDocsSearchResult') }],
});
