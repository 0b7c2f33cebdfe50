import { Box, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useAppContext } from './AppContext';

/**
 * The header's search box. The search plugin fills it through `createApp({ searchBox })`; until then
 * a disabled placeholder keeps the layout stable and does nothing.
 */
export function SearchSlot() {
  const { searchBox: SearchBox } = useAppContext();
  return (
    <Box visibleFrom="sm" style={{ flex: '0 1 420px' }}>
      {SearchBox ? <SearchBox /> : (
        <TextInput
          disabled aria-label="Search (not available yet)" placeholder="Search is coming soon"
          leftSection={<IconSearch size={16} aria-hidden />} radius="xl"
        />
      )}
    </Box>
  );
}
