import { Group, Kbd, Text, UnstyledButton } from '@mantine/core';
import { useHotkeys, useOs } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { lazy, Suspense, useEffect, useState } from 'react';
import { paletteActions } from './paletteStore';

// The palette (Spotlight, its styles, the search client) loads on first use, not with every page.
const loadPalette = () => import('./CommandPalette');
const CommandPalette = lazy(loadPalette);
/** Fetched once the page has settled, so the first Ctrl+K opens at once and no typed letter is lost. */
const PREFETCH_AFTER_MS = 1_500;

/** The header's search box: opens the command palette on click and on Ctrl/Cmd+K from anywhere, even inside inputs. */
export function SearchBox() {
  const [loaded, setLoaded] = useState(false);
  const os = useOs();
  const mod = os === 'macos' || os === 'ios' ? '⌘' : 'Ctrl';
  const open = () => (loaded ? paletteActions.toggle() : setLoaded(true));
  useHotkeys([['mod+K', open]], []);
  useEffect(() => {
    const timer = setTimeout(() => void loadPalette(), PREFETCH_AFTER_MS);
    return () => clearTimeout(timer);
  }, []);
  return (
    <>
      <UnstyledButton
        onClick={open} onMouseEnter={() => void loadPalette()} onFocus={() => void loadPalette()} aria-label={`Search (${mod}+K)`} aria-haspopup="dialog" data-testid="search-box"
        w="100%" px="sm" py={6}
        style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 'var(--mantine-radius-xl)', background: 'var(--mantine-color-default)' }}
      >
        <Group gap="xs" wrap="nowrap">
          <IconSearch size={16} aria-hidden style={{ opacity: 0.6 }} />
          <Text size="sm" c="dimmed" style={{ flex: 1 }} truncate="end">Search the portal…</Text>
          <Group gap={2} wrap="nowrap" aria-hidden>
            <Kbd size="xs">{mod}</Kbd><Kbd size="xs">K</Kbd>
          </Group>
        </Group>
      </UnstyledButton>
      {loaded && <Suspense fallback={null}><CommandPalette /></Suspense>}
    </>
  );
}
