import { Box, Button, Code, Stack } from '@mantine/core';
import { DataTableView, EmptyState, ErrorState, LoadingState, useStarredEntities } from '@atrium/frontend';
import type { SortState } from '@atrium/frontend';
import type { Entity } from '@atrium/model';
import { stringifyEntityRef } from '@atrium/model';
import { useMemo, type ReactNode } from 'react';
import { useCatalogPage } from './api';
import { columnsForKind, sortColumnFor } from './catalogColumns';
import { hasFilters, type CatalogViewState } from './catalogViewState';
import { CatalogSearchBox } from './CatalogSearchBox';
import { CursorPager } from './CursorPager';
import { kindLabel } from './kindIcons';
import type { CatalogViewUpdate } from './useCatalogView';
import { useOwnershipRefs } from './useOwnershipRefs';

export interface CatalogTableProps {
  state: CatalogViewState;
  onChange: (patch: CatalogViewUpdate, options?: { replace?: boolean }) => void;
}

/** One server-side page of the chosen kind: search, sortable columns, cursor paging and every state in between. */
export function CatalogTable({ state, onChange }: CatalogTableProps) {
  const columns = columnsForKind(state.kind);
  const sortColumn = sortColumnFor(state.kind, state.sort);
  // The user's teams are looked up only for "Owned by me".
  const ownership = useOwnershipRefs(state.scope === 'owned');
  const { starredRefs } = useStarredEntities();
  const starred = useMemo(() => [...starredRefs], [starredRefs]);
  // "Owned by me" waits for the user's teams, or the first answer would show only what the user owns alone.
  const result = useCatalogPage(state, sortColumn.orderField, { ownedBy: ownership.refs, starred }, state.scope !== 'owned' || ownership.ready);
  const noun = kindLabel(state.kind, true).toLocaleLowerCase('en-US');
  const data = result.data;
  const sort: SortState = { columnId: sortColumn.id, direction: state.direction };
  const clearFilters = () => onChange({ scope: 'all', types: [], owners: [], lifecycles: [], tags: [], namespace: undefined, text: '' });

  let placeholder: ReactNode;
  if (result.isError) {
    placeholder = (
      <Stack gap="sm">
        <ErrorState title={`Could not load ${noun}`} error={result.error} onRetry={() => void result.refetch()} />
        {state.cursor && <Button variant="light" w="fit-content" onClick={() => onChange({})}>Go to the first page</Button>}
      </Stack>
    );
  } else if (!data) {
    placeholder = <LoadingState lines={10} label={`Loading ${noun}`} />;
  } else if (data.items.length === 0 && state.scope === 'starred' && !starred.some(r => r.startsWith(`${state.kind}:`))) {
    placeholder = (
      <EmptyState
        title={`You have not starred any ${noun}`}
        description="Open an entity and press the star next to its title; starred entities are kept in this browser."
        action={<Button variant="light" onClick={() => onChange({ scope: 'all' })}>Show all {noun}</Button>}
      />
    );
  } else if (data.items.length === 0 && state.scope === 'owned' && !hasFilters({ ...state, scope: 'all' })) {
    placeholder = (
      <EmptyState
        title={`You and your teams own no ${noun}`}
        description={<>Nothing of this kind is owned by <Code>{ownership.userEntityRef ?? 'you'}</Code>{ownership.refs.length > 1 ? ' or the groups you belong to' : ' (you belong to no group in the catalog)'}. Set <Code>spec.owner</Code> in a descriptor to claim it.</>}
        action={<Button variant="light" onClick={() => onChange({ scope: 'all' })}>Show all {noun}</Button>}
      />
    );
  } else if (data.items.length === 0 && hasFilters(state)) {
    placeholder = (
      <EmptyState
        title={`No ${noun} match these filters`}
        description={state.text.trim() ? <>Nothing is named or titled like <Code>{state.text.trim()}</Code> with the chosen filters. Try other words or fewer filters.</> : 'Remove a filter or pick other values.'}
        action={<Button variant="light" onClick={clearFilters}>Clear filters</Button>}
      />
    );
  } else if (data.items.length === 0) {
    placeholder = (
      <EmptyState
        title={`No ${noun} in the catalog yet`}
        description={<>Describe one in a <Code>catalog-info.yaml</Code> file next to its code and add the file’s URL to <Code>catalog.locations</Code> in app-config, or pick another kind.</>}
      />
    );
  }

  const changeSort = (columnId: string) => {
    const next = sort.columnId !== columnId ? { sort: columnId, direction: 'asc' as const }
      : sort.direction === 'asc' ? { sort: columnId, direction: 'desc' as const } : { sort: 'name', direction: 'asc' as const };
    onChange(next);
  };
  const pageInfo = data?.pageInfo ?? {};
  const loadingNext = result.isPlaceholderData;

  return (
    <Box aria-busy={loadingNext} style={{ opacity: loadingNext ? 0.65 : 1, transition: 'opacity 150ms' }}>
      <DataTableView<Entity>
        label={noun} columns={columns} rows={data?.items ?? []} rowKey={e => stringifyEntityRef(e)}
        filter="" onFilterChange={() => {}} hideFilter
        toolbar={<CatalogSearchBox value={state.text} kindLabel={noun} onSearch={text => onChange({ text }, { replace: true })} />}
        sort={sort} onSortChange={changeSort} page={1} pageCount={1} onPageChange={() => {}}
        placeholder={placeholder}
      />
      {data && !result.isError && data.items.length > 0 && (
        <CursorPager
          page={state.page} pageSize={state.limit} shown={data.items.length} total={data.totalItems} noun={noun}
          onPageSizeChange={limit => onChange({ limit })}
          onPrevious={pageInfo.prevCursor && !loadingNext ? () => onChange(state.page <= 2 ? {} : { cursor: pageInfo.prevCursor, page: state.page - 1 }) : undefined}
          onNext={pageInfo.nextCursor && !loadingNext ? () => onChange({ cursor: pageInfo.nextCursor, page: state.page + 1 }) : undefined}
        />
      )}
    </Box>
  );
}
