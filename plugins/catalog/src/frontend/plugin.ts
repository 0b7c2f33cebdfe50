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

/**
 * The catalog's UI: `/catalog` and its entity pages' cards, the relation graph tab, the organisation
 * chart (`/org`), registering existing components (`/catalog-import`, Backstage's path) and the
 * catalog-wide error list (`/catalog-errors`). Every piece is loaded only when shown.
 */
export const catalogFrontendPlugin = defineFrontendPlugin({
  id: CATALOG_PLUGIN_ID,
  pages: [
    { path: '/catalog', title: 'Catalog', load: () => import('./CatalogPage') },
    { path: '/catalog-import', title: 'Register an existing component', load: () => import('./import/ImportPage') },
    { path: '/catalog-errors', title: 'Catalog errors', load: () => import('./errors/CatalogErrorsPage') },
    { path: '/org', title: 'Organisation', load: () => import('./org/OrgPage') },
  ],
  nav: [
    { title: 'Catalog', icon: 'category', to: '/catalog', order: 10 },
    { title: 'Organisation', icon: 'users', to: '/org', order: 11 },
  ],
  entityTabs: [
    // xyflow and ELK are only fetched when this tab opens.
    { id: 'relations', title: 'Relations', path: 'relations', order: 10, load: () => import('./graph/EntityGraphTab') },
  ],
  entityCards: [
    {
      id: 'processing-status', area: 'overview', order: 0,
      if: entity => (entity.status?.items?.length ?? 0) > 0,
      load: () => import('./EntityStatusCard'),
    },
    { id: 'profile', area: 'overview', order: 1, if: isKind('group', 'user'), load: () => import('./ProfileCard') },
    ...relationCardContributions,
    { id: 'ownership', area: 'overview', order: 40, if: isKind('group', 'user'), load: () => import('./OwnershipCard') },
  ],
});
