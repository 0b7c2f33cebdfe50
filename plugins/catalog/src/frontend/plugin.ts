import { defineFrontendPlugin, isKind } from '@atrium/frontend';
import type { EntityCardContribution } from '@atrium/frontend';
import { CATALOG_PLUGIN_ID } from '@atrium/plugin-catalog/common';
import { relationCards } from './relationCards';

const relationCardContributions: EntityCardContribution[] = relationCards.map(definition => ({
  id: definition.id,
  area: 'overview',
  order: definition.order,
  if: isKind(...definition.onKinds),
  load: () => import('./RelatedEntitiesCard').then(m => ({ default: m.relationCardComponent(definition) })),
}));

/** The catalog's UI: the `/catalog` page, its nav item, and the entity page's relation and processing-status cards. */
export const catalogFrontendPlugin = defineFrontendPlugin({
  id: CATALOG_PLUGIN_ID,
  pages: [{ path: '/catalog', title: 'Catalog', load: () => import('./CatalogPage') }],
  nav: [{ title: 'Catalog', icon: 'category', to: '/catalog', order: 10 }],
  entityCards: [
    {
      id: 'processing-status', area: 'overview', order: 0,
      if: entity => (entity.status?.items?.length ?? 0) > 0,
      load: () => import('./EntityStatusCard'),
    },
    ...relationCardContributions,
  ],
});
