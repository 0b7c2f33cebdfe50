import { lazy } from 'react';
import type { ComponentType, LazyExoticComponent } from 'react';
import type { LazyComponentLoader } from './types';

// One React.lazy per loader, so a page or tab suspends only the first time it is shown.
// A failed load stays cached by React.lazy; `forgetLazyExtension` lets a retry start over.
const cache = new WeakMap<LazyComponentLoader<any>, LazyExoticComponent<ComponentType<any>>>();

/** The lazily loaded component behind a contribution's `load`. */
export function getLazyExtension<P>(load: LazyComponentLoader<P>): LazyExoticComponent<ComponentType<P>> {
  let component = cache.get(load);
  if (!component) {
    component = lazy(async () => {
      const module = await load();
      if (typeof module?.default !== 'function' && typeof module?.default !== 'object') {
        throw new TypeError('The loaded module has no default export; export the component as default');
      }
      return module;
    });
    cache.set(load, component);
  }
  return component as LazyExoticComponent<ComponentType<P>>;
}

/** Drops the cached component so the next render calls `load` again. */
export function forgetLazyExtension(load: LazyComponentLoader<any>): void {
  cache.delete(load);
}
