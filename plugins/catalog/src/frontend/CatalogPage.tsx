import { Button, Card, Code, Group, Title } from '@mantine/core';
import { IconAdjustmentsHorizontal, IconAlertTriangle, IconFilterOff, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { EmptyState, ErrorState, Page, useLiveEntityUpdates } from '@atrium/frontend';
import { CATALOG_PLUGIN_ID } from '@atrium/plugin-catalog/common';
import { Link, useParams } from 'react-router';
import { startFirstPage, useFilterFacets, useKindFacet } from './api';
import { sortColumnFor } from './catalogColumns';
import { CatalogFilters } from './CatalogFilters';
import { CatalogScopeControl } from './CatalogScopeControl';
import { CatalogTable } from './CatalogTable';
import { hasFilters, parseViewState } from './catalogViewState';
import { kindLabel } from './kindIcons';
import { useCatalogView } from './useCatalogView';

// Loaded because the user is opening /catalog: ask for the table's rows now, not after the first render.
if (typeof window !== 'undefined' && window.location.pathname === '/catalog') {
  const initial = parseViewState(new URLSearchParams(window.location.search));
  startFirstPage(initial, sortColumnFor(initial.kind, initial.sort).orderField);
}

const LIVE_KEYS = [[CATALOG_PLUGIN_ID, 'by-query'], [CATALOG_PLUGIN_ID, 'facets']] as const;

/** `/catalog`: every entity of a kind, filtered, searched, sorted and paged on the server; the view is in the URL. */
export function CatalogPage() {
  const rest = useParams()['*'] ?? '';
  const { state, update } = useCatalogView();
  const kinds = useKindFacet();
  const facets = useFilterFacets(state.kind);
  const plural = kindLabel(state.kind, true);
  const [filtersOpen, setFiltersOpen] = useState(false);
  // New, changed and removed entities show up in the table and the counts without a reload.
  useLiveEntityUpdates(LIVE_KEYS);
  const activeFilters = state.types.length + state.owners.length + state.lifecycles.length + state.tags.length + (state.namespace ? 1 : 0);

  // The page owns `/catalog/*`; entity pages (`/catalog/:namespace/:kind/:name`) are matched before it.
  if (rest) {
    return (
      <EmptyState
        title="Page not found"
        description={<>There is no catalog page at <Code>/catalog/{rest}</Code>. Entity pages live at <Code>/catalog/namespace/kind/name</Code>.</>}
        action={<Button component={Link} to="/catalog" variant="light">Browse the catalog</Button>}
      />
    );
  }

  return (
    <Page
      title="Catalog" documentTitle={`${plural} · Catalog`}
      subtitle="Everything the organisation builds and runs, and who owns it. Pick a kind, narrow it down, and open an entity to see how it fits together."
      actions={
        <>
          <Button component={Link} to="/catalog-errors" variant="default" leftSection={<IconAlertTriangle size={16} aria-hidden />}>Errors</Button>
          <Button component={Link} to="/catalog-import" leftSection={<IconPlus size={16} aria-hidden />}>Register existing component</Button>
        </>
      }
    >
      <CatalogScopeControl value={state.scope} onChange={scope => update({ scope })} />
      {/* Filters sit above the table rather than beside it: the table needs the width for six columns. */}
      <Card withBorder padding="md" component="section" aria-labelledby="catalog-filters-title">
        <Group justify="space-between" mb="xs" mih={30} gap="xs">
          <Title order={2} size="h5" id="catalog-filters-title" mr="auto">Filters</Title>
          <Button
            hiddenFrom="sm" variant="light" size="compact-sm" leftSection={<IconAdjustmentsHorizontal size={16} aria-hidden />}
            aria-expanded={filtersOpen} aria-controls="catalog-filters" onClick={() => setFiltersOpen(o => !o)}
          >
            {filtersOpen ? 'Fewer filters' : `More filters${activeFilters ? ` (${activeFilters})` : ''}`}
          </Button>
          {hasFilters(state) && (
            <Button
              variant="subtle" size="compact-sm" leftSection={<IconFilterOff size={16} aria-hidden />}
              onClick={() => update({ scope: 'all', types: [], owners: [], lifecycles: [], tags: [], namespace: undefined, text: '' })}
            >
              Clear filters
            </Button>
          )}
        </Group>
        {kinds.isError || facets.isError ? (
          <ErrorState
            title="Could not load the filters" error={kinds.error ?? facets.error}
            onRetry={() => { void kinds.refetch(); void facets.refetch(); }}
          />
        ) : (
          <CatalogFilters state={state} kinds={kinds.data} facets={facets.data} onChange={patch => update(patch)} expanded={filtersOpen} />
        )}
      </Card>
      <Card withBorder padding="md" component="section" aria-label={plural}>
        <CatalogTable state={state} onChange={update} />
      </Card>
    </Page>
  );
}

export default CatalogPage;
