import { useCallback, useSyncExternalStore } from 'react';

/**
 * The signed-in person's starred entities (catalog entities and templates alike), kept in the
 * browser's local storage so a star shows at once on every page and survives a reload; other tabs
 * follow through the `storage` event. Refs are stored as `kind:namespace/name`, lowercased.
 */
const STORAGE_KEY = 'atrium.starredEntities';
const listeners = new Set<() => void>();
let cache: { raw: string | null; refs: ReadonlySet<string> } = { raw: null, refs: new Set() };

function read(): ReadonlySet<string> {
  let raw: string | null = null;
  try {
    raw = globalThis.localStorage?.getItem(STORAGE_KEY) ?? null;
  } catch { /* storage disabled: nothing starred */ }
  if (raw !== cache.raw) {
    let refs: string[] = [];
    try {
      const parsed: unknown = raw ? JSON.parse(raw) : [];
      refs = Array.isArray(parsed) ? parsed.filter((r): r is string => typeof r === 'string') : [];
    } catch { /* a corrupt value is treated as empty and replaced on the next star */ }
    cache = { raw, refs: new Set(refs) };
  }
  return cache.refs;
}

function write(refs: ReadonlySet<string>) {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify([...refs].sort()));
  } catch { /* storage full or disabled: the star lasts for this page only */ }
  cache = { raw: null, refs };
  for (const l of listeners) l();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  const onStorage = (e: StorageEvent) => { if (e.key === STORAGE_KEY) listener(); };
  globalThis.addEventListener?.('storage', onStorage);
  return () => {
    listeners.delete(listener);
    globalThis.removeEventListener?.('storage', onStorage);
  };
}

const normalize = (ref: string) => ref.toLocaleLowerCase('en-US');

/** Starred refs, whether a ref is starred, and a toggle. */
export function useStarredEntities() {
  const refs = useSyncExternalStore(subscribe, read, read);
  const isStarred = useCallback((ref: string) => refs.has(normalize(ref)), [refs]);
  const toggleStarred = useCallback((ref: string) => {
    const next = new Set(read());
    const key = normalize(ref);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    write(next);
  }, []);
  return { starredRefs: refs, isStarred, toggleStarred };
}
