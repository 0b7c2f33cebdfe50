import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconArrowLeft, IconArrowRight, IconFilterOff, IconSearchOff } from '@tabler/icons-react';
import { useRef } from 'react';
import { EmptyState, ErrorState, LoadingState } from '@atrium/frontend';
import type { ApiError } from '@atrium/frontend';
import { RESULT_COUNT_CAP, type SearchResultSet } from '@atrium/plugin-search/common';
import { SearchResultItem } from './SearchResultItem';
import { useListKeyboard } from './useListKeyboard';

export interface SearchResultsPanelProps {
  query: string;
  data?: SearchResultSet;
  error: ApiError | null;
  loading: boolean;
  fetching: boolean;
  hasFilters: boolean;
  onRetry(): void;
  onClearFilters(): void;
  onPage(cursor: string | undefined): void;
}

/** The result list with its count, states that say what to do next, and cursor paging. */
export function SearchResultsPanel(props: SearchResultsPanelProps) {
  const listRef = useRef<HTMLOListElement>(null);
  const onKeyDown = useListKeyboard(listRef);
  const { data, query } = props;

  if (props.error) {
    return <ErrorState title="Search failed" error={props.error} onRetry={props.onRetry} hint="Check the words and filters, or try again in a moment." />;
  }
  if (props.loading || !data) return <LoadingState lines={6} />;
  if (data.results.length === 0) {
    return (
      <EmptyState
        icon={<IconSearchOff size={28} aria-hidden />}
        title={query ? `Nothing matches “${query}”` : 'Nothing to show'}
        description={props.hasFilters
          ? 'No result passes every filter. Remove a filter, or search for fewer words.'
          : 'Check the spelling, use fewer or more general words, or search for a name, an owner or a tag.'}
        action={props.hasFilters ? <Button variant="light" leftSection={<IconFilterOff size={16} aria-hidden />} onClick={props.onClearFilters}>Clear filters</Button> : undefined}
      />
    );
  }
  return (
    <Stack gap="sm" style={{ opacity: props.fetching ? 0.7 : 1, transition: 'opacity 120ms' }}>
      <Text size="sm" c="dimmed" aria-live="polite" data-testid="search-count">
        {/* The backend stops counting at the cap. */}
        {data.numberOfResults === 1 ? '1 result' : `${data.numberOfResults.toLocaleString('en-US')}${data.numberOfResults >= RESULT_COUNT_CAP ? '+' : ''} results`}
        {query && <> for “{query}”</>} · ↑↓ to move, Enter to open
      </Text>
      <ol ref={listRef} onKeyDown={onKeyDown} aria-label="Search results" style={{ listStyle: 'none', padding: 0, margin: 0, display: 'flex', flexDirection: 'column', gap: 'var(--mantine-spacing-xs)' }}>
        {data.results.map((r) => (
          <Paper component="li" key={`${r.type}:${r.document.location}`} withBorder p="sm" radius="md" data-search-item data-result-type={r.type}>
            <SearchResultItem result={r} />
          </Paper>
        ))}
      </ol>
      {(data.previousPageCursor || data.nextPageCursor) && (
        <Group justify="space-between">
          <Button variant="default" leftSection={<IconArrowLeft size={16} aria-hidden />} disabled={!data.previousPageCursor} onClick={() => props.onPage(data.previousPageCursor)}>
            Previous
          </Button>
          <Button variant="default" rightSection={<IconArrowRight size={16} aria-hidden />} disabled={!data.nextPageCursor} onClick={() => props.onPage(data.nextPageCursor)}>
            Next
          </Button>
        </Group>
      )}
    </Stack>
  );
}
