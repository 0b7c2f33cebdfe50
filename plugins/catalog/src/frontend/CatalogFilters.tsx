import { Group, MultiSelect, Select, SimpleGrid, Skeleton, Text } from '@mantine/core';
import type { CatalogViewState } from './catalogViewState';
import { shortRef } from './entityFields';
import { kindLabel } from './kindIcons';
import type { CatalogViewUpdate } from './useCatalogView';

type Facet = Array<{ value: string; count: number }>;

export interface CatalogFiltersProps {
  state: CatalogViewState;
  kinds: Facet | undefined;
  facets: Record<string, Facet> | undefined;
  onChange: (patch: CatalogViewUpdate) => void;
  /** On phones, only the kind shows until the user asks for the other filters. */
  expanded: boolean;
}

/**
 * Options with their counts (shown in the dropdown, not in the input or pills, where space is short).
 * Selected values the facets no longer list stay selectable, and so clearable.
 */
function options(facet: Facet | undefined, selected: readonly string[], label: (v: string) => string = v => v) {
  const data = (facet ?? []).map(f => ({ value: f.value, label: label(f.value), count: f.count }));
  const known = new Set(data.map(d => d.value));
  for (const v of selected) if (!known.has(v)) data.push({ value: v, label: label(v), count: 0 });
  return data;
}

type Option = ReturnType<typeof options>[number];
const withCounts = (data: Option[]) => {
  const counts = new Map(data.map(d => [d.value, d.count]));
  const renderOption = ({ option }: { option: { value: string; label: string } }) => (
    <Group justify="space-between" wrap="nowrap" gap="sm" w="100%">
      <span>{option.label}</span>
      <Text span size="xs" c="dimmed" aria-label={`${counts.get(option.value) ?? 0} entities`}>{counts.get(option.value) ?? 0}</Text>
    </Group>
  );
  return { data: data.map(({ value, label }) => ({ value, label })), renderOption };
};

/** The kind selector and the filters that narrow its entities, each with counts from the catalog's facets. */
export function CatalogFilters({ state, kinds, facets, onChange, expanded }: CatalogFiltersProps) {
  const display = { base: expanded ? 'block' : 'none', sm: 'block' } as const;
  const kindData = options(kinds?.map(k => ({ ...k, value: k.value.toLocaleLowerCase('en-US') })), [state.kind], v => kindLabel(v));
  const multi = (label: string, facet: string, selected: string[], key: 'types' | 'owners' | 'lifecycles' | 'tags', format?: (v: string) => string) => {
    const data = options(facets?.[facet], selected, format);
    if (facets && data.length === 0) return null;
    return (
      <MultiSelect
        key={key} label={label} placeholder={selected.length ? undefined : `Any ${label.toLowerCase()}`} {...withCounts(data)} value={selected}
        onChange={values => onChange({ [key]: values })} searchable clearable hidePickedOptions
        nothingFoundMessage="No match" comboboxProps={{ withinPortal: true }} display={display}
        // "Owned by me & my teams" decides the owners itself.
        disabled={!facets || (key === 'owners' && state.scope === 'owned')}
        description={key === 'owners' && state.scope === 'owned' ? 'Set by “Owned by me”' : undefined}
      />
    );
  };
  const namespaces = options(facets?.['metadata.namespace'], state.namespace ? [state.namespace] : []);
  return (
    <SimpleGrid id="catalog-filters" cols={{ base: 1, xs: 2, sm: 3, lg: 6 }} spacing="sm" verticalSpacing="sm" role="group" aria-label="Catalog filters">
      {kinds ? (
        <Select
          label="Kind" {...withCounts(kindData)} value={state.kind} allowDeselect={false} searchable={false}
          onChange={kind => kind && onChange({ kind, types: [], owners: [], lifecycles: [], tags: [] })}
        />
      ) : <Skeleton height={58} aria-hidden />}
      {multi('Type', 'spec.type', state.types, 'types')}
      {multi('Owner', 'relations.ownedby', state.owners, 'owners', shortRef)}
      {multi('Lifecycle', 'spec.lifecycle', state.lifecycles, 'lifecycles')}
      {multi('Tags', 'metadata.tags', state.tags, 'tags')}
      {(!facets || namespaces.length > 0) && (
        <Select
          label="Namespace" placeholder="All namespaces" {...withCounts(namespaces)} value={state.namespace ?? null} clearable
          onChange={namespace => onChange({ namespace: namespace ?? undefined })} disabled={!facets} display={display}
        />
      )}
    </SimpleGrid>
  );
}
