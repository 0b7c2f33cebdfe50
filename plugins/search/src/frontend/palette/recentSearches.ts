const KEY = 'atrium.search.recent';
const MAX = 6;

/** Terms the user searched for and then opened a result of, newest first (this browser only). */
export function readRecentSearches(): string[] {
  try {
    const parsed = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(parsed) ? parsed.filter((t): t is string => typeof t === 'string').slice(0, MAX) : [];
  } catch {
    return [];
  }
}

export function rememberSearch(term: string): void {
  const t = term.trim();
  if (!t) return;
  const next = [t, ...readRecentSearches().filter((r) => r.toLowerCase() !== t.toLowerCase())].slice(0, MAX);
  try {
    localStorage.setItem(KEY, JSON.stringify(next));
  } catch { /* storage full or disabled: recent searches are a convenience */ }
}

export function clearRecentSearches(): void {
  try {
    localStorage.removeItem(KEY);
  } catch { /* see above */ }
}
