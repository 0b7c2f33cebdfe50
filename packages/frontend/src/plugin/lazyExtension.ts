import { lazy } from 'react';
import type { ComponentType, LazyExoticComponent } from 'react';
import type { LazyComponentLoader } from './types';

// One React.lazy per loader, so a page or tab suspends only the first time it is shown.
// A failed load stays cached by React.lazy; `forgetLazyExtension` lets a retry start over.
const cache = new WeakMap<LazyComponentLoader<any>, LazyExoticComponent<ComponentType<any>>>();
// Components whose module has arrived: rendered directly, without suspending. A suspended first render
// shows the fallback, and React then holds the finished page back for up to 300 ms.
const resolved = new WeakMap<LazyComponentLoader<any>, ComponentType<any>>();
const loading = new WeakMap<LazyComponentLoader<any>, Promise<{ default: ComponentType<any> }>>();

/** Calls the loader once (shared by preloads and the first render), checking the module's shape. */
function loadOnce<P>(load: LazyComponentLoader<P>): Promise<{ default: ComponentType<P> }> {
  let promise = loading.get(load);
  if (!promise) {
    promise = (async () => {
      const module = await load();
      if (typeof module?.default !== 'function' && typeof module?.default !== 'object') {
        throw new TypeError('The loaded module has no default export; export the component as default');
      }
      resolved.set(load, module.default);
      return module;
    })();
    // A failed load is tried again by the next caller.
    promise.catch(() => loading.delete(load));
    loading.set(load, promise);
  }
  return promise as Promise<{ default: ComponentType<P> }>;
}

/** Starts loading a contribution's module (e.g. from a route loader) so its first render need not suspend. */
export async function preloadExtension(load: LazyComponentLoader<any>): Promise<void> {
  await loadOnce(load);
}

/** The contribution's component: the loaded one when its module has arrived, otherwise a lazy one. */
export function extensionComponent<P>(load: LazyComponentLoader<P>): ComponentType<P> {
  return (resolved.get(load) as ComponentType<P> | undefined) ?? getLazyExtension(load);
}

/** The lazily loaded component behind a contribution's `load`. */
export function getLazyExtension<P>(load: LazyComponentLoader<P>): LazyExoticComponent<ComponentType<P>> {
  let component = cache.get(load);
  if (!component) {
    component = lazy(() => loadOnce(load));
    cache.set(load, component);
  }
  return component as LazyExoticComponent<ComponentType<P>>;
}

/** Drops the cached component so the next render calls `load` again. */
export function forgetLazyExtension(load: LazyComponentLoader<any>): void {
  cache.delete(load);
  loading.delete(load);
  resolved.delete(load);
}
