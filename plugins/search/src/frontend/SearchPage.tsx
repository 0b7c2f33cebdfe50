import './SearchPage.css';
import { Badge, Box, Button, Card, Grid, Group, Tabs, TextInput } from '@mantine/core';
import { useDebouncedCallback, useHotkeys } from '@mantine/hooks';
import { IconAdjustmentsHorizontal, IconSearch } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { ErrorState, Page } from '@atrium/frontend';
import { useSearchFacets, useSearchResults, useSearchTypes } from './api';
import { SearchFacets } from './SearchFacets';
import { SearchResultsPanel } from './SearchResultsPanel';
import { activeFilterCount, toApiQuery, toggleFilter } from './searchUrlState';
import { typeLabel } from './typeLabels';
import { useSearchView } from './useSearchView';

/** `/search`: every indexed type, with counts per type, facet filters and highlighted matches; all of it in the URL. */
export default function SearchPage() {
  const { state, update } = useSearchView();
  const [text, setText] = useState(state.query);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  // Back/forward and links change the URL under the input.
  useEffect(() => setText(state.query), [state.query]);
  const commit = useDebouncedCallback((query: string) => update({ ...state, query, cursor: undefined }, { replace: true }), 250);
  useHotkeys([['/', () => inputRef.current?.focus()]]);

  const query = toApiQuery(state);
  const results = useSearchResults(query);
  const facets = useSearchFacets({ term: state.query, filters: query.filters });
  const types = useSearchTypes();
  const counts = facets.data?.types ?? {};
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const filterCount = activeFilterCount(state);

  return (
    <Page title="Search" subtitle="Find services, APIs, teams, templates and docs, and who owns them. Press / to search, Ctrl+K anywhere for quick search.">
      <TextInput
        ref={inputRef} size="md" radius="md" value={text} placeholder="Search by name, description, owner, tag…"
        aria-label="Search" leftSection={<IconSearch size={18} aria-hidden />} data-testid="search-page-input"
        onChange={(e) => { setText(e.currentTarget.value); commit(e.currentTarget.value); }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') update({ ...state, query: text, cursor: undefined });
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            document.querySelector<HTMLElement>('[data-search-item] [data-search-link], [data-search-item] a[href]')?.focus();
          }
        }}
      />
      <Tabs value={state.type ?? 'all'} onChange={(v) => update({ ...state, type: v && v !== 'all' ? v : undefined, cursor: undefined })} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="all" rightSection={<Badge size="xs" variant="light">{total}</Badge>}>All</Tabs.Tab>
          {(types.data?.types ?? []).map((t) => (
            <Tabs.Tab key={t.type} value={t.type} rightSection={<Badge size="xs" variant="light" color="gray">{counts[t.type] ?? 0}</Badge>}>
              {typeLabel(t.type)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, sm: 4, md: 3 }}>
          <Card withBorder padding="md" component="section" aria-label="Filters">
            <Group justify="space-between" hiddenFrom="sm">
              <Button
                variant="light" size="compact-sm" leftSection={<IconAdjustmentsHorizontal size={16} aria-hidden />}
                aria-expanded={filtersOpen} aria-controls="search-facets" onClick={() => setFiltersOpen((o) => !o)}
              >
                {filtersOpen ? 'Hide filters' : `Filters${filterCount ? ` (${filterCount})` : ''}`}
              </Button>
            </Group>
            {/* One list of facets: always shown from the sm breakpoint up, behind the button below it. */}
            <Box id="search-facets" className="atrium-search-facets" data-collapsed={filtersOpen ? undefined : true} mt={{ base: 'sm', sm: 0 }}>
              {facets.isError
                ? <ErrorState title="Could not load the filters" error={facets.error} onRetry={() => void facets.refetch()} />
                : <SearchFacets state={state} facets={facets.data} onToggle={(f, v) => update(toggleFilter(state, f, v))} />}
            </Box>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 8, md: 9 }}>
          <SearchResultsPanel
            query={state.query} data={results.data} error={results.error} loading={results.isPending} fetching={results.isFetching}
            hasFilters={filterCount > 0} onRetry={() => void results.refetch()}
            onClearFilters={() => update({ ...state, filters: {}, cursor: undefined })}
            onPage={(cursor) => { update({ ...state, cursor }); window.scrollTo({ top: 0 }); }}
          />
        </Grid.Col>
      </Grid>
    </Page>
  );
}
