import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { readSearchState, writeSearchState, type SearchViewState } from './searchUrlState';

/** The search page's state, read from and written to the URL. Typing replaces the history entry; other changes push one. */
export function useSearchView() {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => readSearchState(params), [params]);
  const update = useCallback((next: SearchViewState, options: { replace?: boolean } = {}) => {
    setParams(writeSearchState(next), { replace: options.replace ?? false });
  }, [setParams]);
  return { state, update };
}
