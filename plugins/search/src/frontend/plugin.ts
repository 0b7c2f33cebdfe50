import { defineFrontendPlugin } from '@atrium/frontend';
import { CATALOG_DOCUMENT_TYPE, SEARCH_PLUGIN_ID } from '@atrium/plugin-search/common';

/** The search page, its nav item, and the renderer of catalog results. The header box and palette are `SearchBox`. */
export const searchFrontendPlugin = defineFrontendPlugin({
  id: SEARCH_PLUGIN_ID,
  pages: [{ path: '/search', title: 'Search', load: () => import('./SearchPage') }],
  nav: [{ title: 'Search', icon: 'search', to: '/search', order: 90 }],
  searchResults: [{ type: CATALOG_DOCUMENT_TYPE, load: () => import('./results/CatalogResult') }],
});
