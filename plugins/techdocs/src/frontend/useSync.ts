import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { TECHDOCS_PLUGIN_ID } from '@atrium/plugin-techdocs/common';
import { refString, syncSite, type SiteRef } from './api';
import { forgetPrefetched } from './prefetch';

/**
 * Asks the backend whether the docs are current each time a site is opened; when it rebuilds, its
 * progress is shown and `buildKey` changes afterwards so everything shown is refetched.
 */
export function useSync(site: SiteRef) {
  const [state, setState] = useState<{ building: boolean; log: string[]; error?: string; buildKey: number }>({ building: false, log: [], buildKey: 0 });
  const key = refString(site);
  const queryClient = useQueryClient();
  useEffect(() => {
    const controller = new AbortController();
    // Unchanged state is kept as it is: a new object would render the whole reader again for nothing.
    setState((s) => (!s.building && !s.log.length && s.error === undefined ? s : { ...s, building: false, log: [], error: undefined }));
    syncSite(site, (m) => {
      if (m.type === 'log') setState((s) => ({ ...s, building: true, log: [...s.log, m.message] }));
      else if (m.type === 'error') {
        forgetPrefetched();
        setState((s) => ({ ...s, building: false, error: m.message, buildKey: s.buildKey + 1 }));
      }
      else {
        // Answers prefetched before the rebuild (a page asked for before the site existed) are stale.
        if (m.updated) forgetPrefetched();
        setState((s) => (!s.building && !m.updated ? s : { ...s, building: false, buildKey: m.updated ? s.buildKey + 1 : s.buildKey }));
        // Whatever else shows this site's status (the page title, the index) is refreshed too.
        if (m.updated) void queryClient.invalidateQueries({ queryKey: [TECHDOCS_PLUGIN_ID, 'status', key] });
      }
    }, controller.signal).catch((e: unknown) => {
      if (!controller.signal.aborted) setState((s) => ({ ...s, building: false, error: (e as Error).message }));
    });
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return state;
}
