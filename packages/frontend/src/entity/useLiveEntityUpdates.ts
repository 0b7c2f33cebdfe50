import { useQueryClient } from '@tanstack/react-query';
import type { QueryKey } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useAppContext } from '../app/AppContext';

/** Whether any string inside a query key (at any depth) is one of the changed refs. */
export function queryKeyMentions(key: unknown, refs: ReadonlySet<string>): boolean {
  if (typeof key === 'string') return refs.has(key.toLocaleLowerCase('en-US'));
  if (Array.isArray(key)) return key.some(k => queryKeyMentions(k, refs));
  if (key && typeof key === 'object') return Object.values(key).some(v => queryKeyMentions(v, refs));
  return false;
}

/**
 * Keeps what the page shows in step with the catalog: when entities change, every cached query whose
 * key names one of them is refetched (if on screen), plus `alsoInvalidate` (lists, counts) on any change.
 * The entity source shares one connection per browser tab between all callers.
 */
export function useLiveEntityUpdates(alsoInvalidate: readonly QueryKey[] = []): void {
  const { entitySource } = useAppContext();
  const queryClient = useQueryClient();
  const extra = useRef(alsoInvalidate);
  extra.current = alsoInvalidate;
  useEffect(() => entitySource?.subscribe?.(entityRefs => {
    // An empty list means changes may have been missed (the stream reconnected): refetch everything shown.
    if (entityRefs.length === 0) return void queryClient.invalidateQueries();
    const changed = new Set(entityRefs.map(r => r.toLocaleLowerCase('en-US')));
    void queryClient.invalidateQueries({ predicate: q => queryKeyMentions(q.queryKey, changed) });
    for (const queryKey of extra.current) void queryClient.invalidateQueries({ queryKey });
  }), [entitySource, queryClient]);
}
