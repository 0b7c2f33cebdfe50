import { AppShell, Burger, Group, Anchor, ScrollArea, Text, ThemeIcon } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconHexagons } from '@tabler/icons-react';
import { Suspense, useEffect } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { LoadingState } from '../ui/LoadingState';
import { useAppContext } from './AppContext';
import { ColorSchemeToggle } from './ColorSchemeToggle';
import { SearchSlot } from './SearchSlot';
import { SidebarNav } from './SidebarNav';
import { UserMenu } from './UserMenu';

export const MAIN_CONTENT_ID = 'atrium-main';

/** The frame around every page: header, sidebar from plugins' nav items, main content. */
export function AppLayout() {
  const { title } = useAppContext();
  const [navOpened, nav] = useDisclosure(false);
  const location = useLocation();

  // On narrow screens the sidebar covers the page; close it once the user has picked a page.
  useEffect(() => nav.close(), [location.pathname]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      padding={{ base: 'md', sm: 'lg' }}
    >
      <a className="atrium-skip-link" href={`#${MAIN_CONTENT_ID}`}>Skip to content</a>
      <AppShell.Header>
        <Group h="100%" px="md" gap="sm" wrap="nowrap" justify="space-between">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={navOpened} onClick={nav.toggle} hiddenFrom="sm" size="sm"
              aria-label={navOpened ? 'Close navigation' : 'Open navigation'} aria-controls="atrium-navbar" aria-expanded={navOpened}
            />
            <Anchor component={Link} to="/" underline="never" c="inherit" aria-label={`${title} home`}>
              <Group gap={8} wrap="nowrap">
                <ThemeIcon size={30} radius="md" variant="gradient" aria-hidden>
                  <IconHexagons size={18} />
                </ThemeIcon>
                <Text fw={700} size="lg">{title}</Text>
              </Group>
            </Anchor>
          </Group>
          <SearchSlot />
          <Group gap="xs" wrap="nowrap">
            <ColorSchemeToggle />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar id="atrium-navbar" p="sm" aria-label="Main navigation" component="nav">
        <AppShell.Section grow component={ScrollArea}>
          <SidebarNav />
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main id={MAIN_CONTENT_ID} tabIndex={-1} style={{ outline: 'none' }}>
        <Suspense fallback={<LoadingState lines={6} />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
