import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { parseViewState, serializeViewState, type CatalogViewState } from './catalogViewState';

export type CatalogViewUpdate = Partial<CatalogViewState>;

export interface CatalogView {
  state: CatalogViewState;
  /**
   * Applies a change as a new history entry (so Back undoes it), or in place with `replace`.
   * Any change other than paging itself starts again at the first page.
   */
  update: (patch: CatalogViewUpdate, options?: { replace?: boolean }) => void;
}

/** The catalog page's view, read from and written to the URL query so it can be shared and navigated. */
export function useCatalogView(): CatalogView {
  const [params, setParams] = useSearchParams();
  const key = params.toString();
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the query string is the identity of the state
  const state = useMemo(() => parseViewState(params), [key]);
  const update = useCallback((patch: CatalogViewUpdate, options?: { replace?: boolean }) => {
    // From the address bar, not the router's `current`: that is the query of the last render, so two
    // updates before the next render (a sort, then a search box catching up) would lose the first.
    setParams(() => {
      const current = new URLSearchParams(window.location.search);
      const paging = 'cursor' in patch || 'page' in patch;
      const next: CatalogViewState = { ...parseViewState(current), ...(paging ? {} : { cursor: undefined, page: 1 }), ...patch };
      return serializeViewState(next);
    }, { replace: options?.replace });
  }, [setParams]);
  return { state, update };
}
