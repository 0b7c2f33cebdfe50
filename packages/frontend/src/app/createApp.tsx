import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ComponentType } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import type { RouteObject } from 'react-router';
import { ApiError } from '../api/ApiError';
import { getDefaultIdentityManager } from '../api/identity';
import type { IdentityManager } from '../api/identity';
import { EntityPage } from '../entity/EntityPage';
import type { EntitySource } from '../entity/entitySource';
import { createExtensionRegistry } from '../plugin/registry';
import type { ExtensionRegistry } from '../plugin/registry';
import type { FrontendPlugin } from '../plugin/types';
import { AppLayout } from './AppLayout';
import { AppBoot } from './AppBoot';
import { NotFoundPage } from './NotFoundPage';
import { PluginPage } from './PluginPage';
import { preloadExtension } from '../plugin/lazyExtension';
import { LoadingState } from '../ui/LoadingState';
import { RouteError } from './RouteError';
import { atriumTheme, colorSchemeManager } from './theme';

export interface CreateAppOptions {
  plugins: readonly FrontendPlugin[];
  /** Shown in the header and page titles; `app.title` from config wins when set. */
  title?: string;
  /** Where entity pages get entities; the catalog plugin provides one. */
  entitySource?: EntitySource;
  /** Fills the header's search slot. */
  searchBox?: ComponentType;
  /** For tests: a pre-configured identity manager. */
  identity?: IdentityManager;
}

function createRoutes(registry: ExtensionRegistry): RouteObject[] {
  const pages: RouteObject[] = registry.pages.map(page => ({
    // Pages own everything below their path, so they can have sub-pages with shareable URLs.
    path: page.path === '/' ? '/' : `${page.path.replace(/\/$/, '')}/*`,
    element: <PluginPage page={page} />,
    // The page's code is fetched before the route renders (from the first line of the app for the URL
    // it opens on), so the page does not suspend: no loading flash, and no delay React adds after one.
    // A failed load is left to the page, whose error boundary offers a retry.
    loader: async () => {
      await preloadExtension(page.load).catch(() => undefined);
      return null;
    },
    // Only on the way in: moving within the page (its search params, its sub-paths) stays synchronous,
    // as pages that update their URL in quick succession expect.
    shouldRevalidate: () => false,
    HydrateFallback: () => <LoadingState lines={6} label={`Loading ${page.title}`} />,
  }));
  return [{
    element: <AppLayout />,
    errorElement: <RouteError />,
    children: [
      ...pages,
      {
        path: '/catalog/:namespace/:kind/:name/*',
        element: <EntityPage />,
        // The overview's cards and the tab in the URL are fetched with the route, like pages' code above.
        loader: async ({ params }) => {
          const tab = (params['*'] ?? '').split('/')[0];
          const wanted = [...registry.entityCards, ...registry.entityTabs.filter(t => tab && t.path === tab)];
          await Promise.all(wanted.map(c => preloadExtension(c.load).catch(() => undefined)));
          return null;
        },
        shouldRevalidate: ({ currentUrl, nextUrl }) => currentUrl.pathname !== nextUrl.pathname,
        HydrateFallback: () => <LoadingState lines={6} label="Loading the entity" />,
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  }];
}

function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // Client errors will not fix themselves; retry only network and server failures.
        retry: (count, error) => count < 2 && !(error instanceof ApiError && error.status < 500),
      },
    },
  });
}

/**
 * Creates the portal's root component from plugins: shell, routes, theme, data cache, notifications,
 * sign-in. Bad plugin contributions are logged and skipped.
 *
 * @example
 * const App = createApp({ plugins: [homePlugin, examplePlugin], title: 'Acme Portal' });
 * createRoot(document.getElementById('root')!).render(<App />);
 */
export function createApp(options: CreateAppOptions): ComponentType {
  const registry = createExtensionRegistry(options.plugins);
  const router = createBrowserRouter(createRoutes(registry));
  const queryClient = createQueryClient();
  const identity = options.identity ?? getDefaultIdentityManager();

  return function AtriumApp() {
    return (
      <MantineProvider theme={atriumTheme} defaultColorScheme="auto" colorSchemeManager={colorSchemeManager}>
        <Notifications position="top-right" limit={4} />
        <QueryClientProvider client={queryClient}>
          <AppBoot
            identity={identity} registry={registry} title={options.title ?? 'Atrium'}
            entitySource={options.entitySource} searchBox={options.searchBox}
          >
            <RouterProvider router={router} />
          </AppBoot>
        </QueryClientProvider>
      </MantineProvider>
    );
  };
}
