import { CloseButton, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';

export interface CatalogSearchBoxProps {
  /** The search text in the URL. */
  value: string;
  /** Called once typing pauses, or at once on Enter. */
  onSearch: (text: string) => void;
  kindLabel: string;
}

/** Free-text search over names and titles; debounced so the table does not reload on every keystroke. */
export function CatalogSearchBox({ value, onSearch, kindLabel }: CatalogSearchBoxProps) {
  const [text, setText] = useState(value);
  const [debounced] = useDebouncedValue(text, 300);
  // The last text sent or received; tells our own URL updates apart from Back/Forward navigation.
  const committed = useRef(value);

  useEffect(() => {
    if (value !== committed.current) {
      committed.current = value;
      setText(value);
    }
  }, [value]);

  // The latest callback, so a new one each render does not re-run the effect below with a stale value.
  const onSearchRef = useRef(onSearch);
  useEffect(() => {
    onSearchRef.current = onSearch;
  });

  useEffect(() => {
    // Only once typing has paused (the debounced value caught up): a value from before Enter committed
    // the text must not be sent after it, overwriting what the user did since (a sort, a filter).
    if (debounced === text && debounced !== committed.current) {
      committed.current = debounced;
      onSearchRef.current(debounced);
    }
  }, [debounced, text]);

  const commit = (next: string) => {
    setText(next);
    committed.current = next;
    onSearch(next);
  };

  return (
    <TextInput
      type="search" aria-label={`Search ${kindLabel} by name or title`} placeholder={`Search ${kindLabel} by name or title`}
      leftSection={<IconSearch size={16} aria-hidden />} value={text} onChange={e => setText(e.currentTarget.value)}
      onKeyDown={e => { if (e.key === 'Enter') commit(text); }}
      rightSection={text ? <CloseButton size="sm" aria-label="Clear search" onClick={() => commit('')} /> : null}
      style={{ flex: '1 1 260px', maxWidth: 420 }}
    />
  );
}
