import { Suspense, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { LoadingState } from '../ui/LoadingState';
import { extensionComponent, forgetLazyExtension } from './lazyExtension';
import { PluginErrorBoundary } from './PluginErrorBoundary';
import type { LazyComponentLoader } from './types';

export interface ExtensionRendererProps<P> {
  extension: { pluginId: string; extensionId: string; load: LazyComponentLoader<P> };
  /** What the user sees it as, for the error card: `the "Example" page`. */
  what: string;
  props: P;
  fallback?: ReactNode;
}

/** Loads a contribution's component on first render, inside its plugin's error boundary. */
export function ExtensionRenderer<P extends object>({ extension, what, props, fallback }: ExtensionRendererProps<P>) {
  // Bumped by Retry so the boundary remounts a freshly created lazy component.
  const [attempt, setAttempt] = useState(0);
  return (
    <PluginErrorBoundary
      key={attempt} pluginId={extension.pluginId} what={what}
      onRetry={() => { forgetLazyExtension(extension.load); setAttempt(a => a + 1); }}
    >
      <Suspense fallback={fallback ?? <LoadingState />}>
        <div data-extension-id={extension.extensionId} style={{ display: 'contents' }}>
          <ExtensionComponent load={extension.load} props={props} />
        </div>
      </Suspense>
    </PluginErrorBoundary>
  );
}

/** The loaded component, or a lazy one until its module arrives (remounted by Retry through the boundary's key). */
function ExtensionComponent<P extends object>({ load, props }: { load: LazyComponentLoader<P>; props: P }) {
  // Chosen once per loader: switching a mounted page from the lazy to the loaded component would remount it.
  const Component = useMemo(() => extensionComponent(load), [load]);
  return <Component {...props} />;
}
