import { Badge, Checkbox, Group, Stack, Text, Title } from '@mantine/core';
import { FACET_FIELDS, type FacetField, type SearchFacetsResponse } from '@atrium/plugin-search/common';
import type { SearchViewState } from './searchUrlState';

const LABELS: Record<FacetField, string> = { kind: 'Kind', type: 'Type', owner: 'Owner', lifecycle: 'Lifecycle', tags: 'Tags' };
/** Owners are refs; `group:default/` says nothing a reader needs. */
const display = (field: FacetField, value: string) => (field === 'owner' ? value.replace(/^group:default\//, '').replace(/^user:default\//, 'user:') : value);
const SHOWN = 8;

export interface SearchFacetsProps {
  state: SearchViewState;
  facets?: SearchFacetsResponse;
  onToggle(field: FacetField, value: string): void;
}

/** Checkbox lists per facet with counts; a selected value stays listed even when the other filters leave it no results. */
export function SearchFacets({ state, facets, onToggle }: SearchFacetsProps) {
  return (
    <Stack gap="lg" component="nav" aria-label="Filters">
      {FACET_FIELDS.map((field) => {
        const selected = state.filters[field] ?? [];
        const counts = facets?.facets[field] ?? [];
        const values = [...counts.slice(0, SHOWN), ...selected.filter((s) => !counts.slice(0, SHOWN).some((c) => c.value === s)).map((value) => ({ value, count: 0 }))];
        if (!values.length) return null;
        return (
          <Stack key={field} gap={6}>
            <Title order={2} size="h6" id={`facet-${field}`}>{LABELS[field]}</Title>
            <Stack gap={6} role="group" aria-labelledby={`facet-${field}`}>
              {values.map(({ value, count }) => (
                <Checkbox
                  key={value} size="sm" checked={selected.includes(value)} onChange={() => onToggle(field, value)}
                  data-testid={`facet-${field}-${value}`}
                  label={(
                    <Group gap={6} wrap="nowrap" justify="space-between" w="100%">
                      <Text size="sm" truncate="end" title={value}>{display(field, value)}</Text>
                      <Badge size="xs" variant="light" color="gray" aria-label={`${count} results`}>{count}</Badge>
                    </Group>
                  )}
                  styles={{ body: { alignItems: 'center' }, labelWrapper: { flex: 1, minWidth: 0 } }}
                />
              ))}
            </Stack>
          </Stack>
        );
      })}
    </Stack>
  );
}
