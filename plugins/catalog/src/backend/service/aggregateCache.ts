/**
 * Counts that every catalog page view asks for again (facets of the visible kind, a query's total)
 * kept for a moment, and shared by identical requests in flight. Entries go stale after `ttlMs` and
 * at once when the catalog changes: the plugin calls `invalidate()` on every change event, which
 * reaches every instance. The short TTL bounds staleness where no event is sent (a deletion that
 * touches nothing else) or one is missed while an instance reconnects.
 */
export class AggregateCache {
  readonly #entries = new Map<string, { generation: number; expires: number; value: Promise<unknown> }>();
  #generation = 0;

  constructor(private readonly options: { ttlMs: number; maxEntries?: number; now?: () => number } = { ttlMs: 2000 }) {}

  /** The cached value for `key`, or the one `compute` produces (failures are not kept). */
  get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    if (this.options.ttlMs <= 0) return compute();
    const now = (this.options.now ?? Date.now)();
    const hit = this.#entries.get(key);
    if (hit && hit.generation === this.#generation && hit.expires > now) return hit.value as Promise<T>;
    const value = compute();
    const entry = { generation: this.#generation, expires: now + this.options.ttlMs, value };
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    value.catch(() => { if (this.#entries.get(key) === entry) this.#entries.delete(key); });
    // Oldest first in a Map: drop from the front past the bound.
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size <= (this.options.maxEntries ?? 1000)) break;
      this.#entries.delete(oldest);
    }
    return value;
  }

  /** Everything cached so far is stale. */
  invalidate(): void {
    this.#generation++;
    this.#entries.clear();
  }
}
