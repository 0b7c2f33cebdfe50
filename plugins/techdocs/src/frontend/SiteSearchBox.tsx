import { Combobox, Text, TextInput, useCombobox } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useSearchIndex, type SiteRef } from './api';
import { createSiteSearch } from './siteSearch';

/** Search within this site, from its search index (fetched on first focus); arrows and Enter pick a result. */
export function SiteSearchBox({ site, buildKey, onPick }: { site: SiteRef; buildKey: number; onPick: (location: string) => void }) {
  const [query, setQuery] = useState('');
  const [wanted, setWanted] = useState(false);
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const index = useSearchIndex(site, wanted, buildKey);
  const search = useMemo(() => (index.data ? createSiteSearch(index.data) : undefined), [index.data]);
  const hits = search && query.trim() ? search(query, 12) : [];

  return (
    <Combobox store={combobox} onOptionSubmit={(location) => { onPick(location); setQuery(''); combobox.closeDropdown(); }}>
      <Combobox.Target>
        <TextInput
          placeholder="Search these docs"
          aria-label="Search these docs"
          leftSection={<IconSearch size={16} />}
          value={query}
          onFocus={() => { setWanted(true); combobox.openDropdown(); }}
          onBlur={() => combobox.closeDropdown()}
          onChange={(e) => { setQuery(e.currentTarget.value); combobox.openDropdown(); combobox.updateSelectedOptionIndex(); }}
          w={{ base: '100%', sm: 280 }}
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={!query.trim()}>
        <Combobox.Options mah={360} style={{ overflowY: 'auto' }}>
          {index.isError && <Combobox.Empty>Search is not available: the search index could not be loaded.</Combobox.Empty>}
          {!index.data && !index.isError && <Combobox.Empty>Loading the search index…</Combobox.Empty>}
          {index.data && hits.length === 0 && <Combobox.Empty>Nothing in these docs matches “{query}”. Try fewer or shorter words.</Combobox.Empty>}
          {hits.map((h) => (
            <Combobox.Option value={h.location} key={h.location}>
              <Text size="sm" fw={600}>{h.title}</Text>
              <Text size="xs" c="dimmed" lineClamp={2}>{h.snippet}</Text>
            </Combobox.Option>
          ))}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
