import { Button, Center, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useSyncExternalStore } from 'react';
import type { ComponentType, ReactNode } from 'react';
import { loadFrontendConfig, readInjectedFrontendConfig } from '../api/config';
import type { IdentityManager } from '../api/identity';
import type { EntitySource } from '../entity/entitySource';
import type { ExtensionRegistry } from '../plugin/registry';
import { ErrorState } from '../ui/ErrorState';
import { LoadingState } from '../ui/LoadingState';
import { AppContext } from './AppContext';
import type { AppContextValue } from './AppContext';

interface AppBootProps {
  identity: IdentityManager;
  registry: ExtensionRegistry;
  title: string;
  entitySource?: EntitySource;
  searchBox?: ComponentType;
  children: ReactNode;
}

function FullPage({ children }: { children: ReactNode }) {
  return <Center mih="100vh" p="md"><Paper withBorder p="xl" maw={480} w="100%">{children}</Paper></Center>;
}

/** Loads config and signs in (as guest) before the portal renders; shows why when that fails. */
export function AppBoot({ identity, registry, title, entitySource, searchBox, children }: AppBootProps) {
  // The injected config is there from the first render: no "Starting" frame, no extra render, before the routes.
  const config = useQuery({ queryKey: ['atrium', 'config'], queryFn: () => loadFrontendConfig(), initialData: readInjectedFrontendConfig, staleTime: Infinity, retry: 1 });
  const signedIn = useSyncExternalStore(identity.subscribe, () => identity.getIdentity() !== undefined);
  // Only the first sign-in is automatic; after "Sign out" the user chooses to come back.
  const session = useQuery({ queryKey: ['atrium', 'session'], queryFn: () => identity.signIn(), staleTime: Infinity, retry: 1, enabled: !signedIn });
  const appTitle = config.data?.getString('app.title') ?? title;

  const value = useMemo<AppContextValue | undefined>(
    () => config.data && { title: appTitle, registry, config: config.data, identity, entitySource, searchBox },
    [config.data, appTitle, registry, identity, entitySource, searchBox],
  );

  if (config.isError || session.isError) {
    const error = config.error ?? session.error;
    return (
      <FullPage>
        <ErrorState
          title={config.isError ? 'Could not load the portal configuration' : 'Could not sign in'}
          error={error} hint="The portal's backend may be down or restarting. Wait a moment and retry."
          onRetry={() => void (config.isError ? config.refetch() : session.refetch())}
        />
      </FullPage>
    );
  }
  if (!value || (!signedIn && session.isFetching)) {
    return <FullPage><LoadingState lines={3} label={`Starting ${title}`} /></FullPage>;
  }
  if (!signedIn) {
    return (
      <FullPage>
        <Stack gap="sm">
          <Title order={1} size="h3">You are signed out</Title>
          <Text c="dimmed">Sign in again to use {appTitle}.</Text>
          <Button onClick={() => void session.refetch()}>Sign in as guest</Button>
        </Stack>
      </FullPage>
    );
  }
  return <AppContext.Provider value={value}>{children}</AppContext.Provider>;
}
