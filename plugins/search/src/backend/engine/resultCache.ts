/**
 * Answers to repeated identical queries (the same words, filters and page, from any user: results do
 * not depend on who asks), reused only while the index is unchanged: each entry remembers the index's
 * change counter when it was computed (see SearchIndex.changed) and is used only while the counter
 * still reads the same, so a write by this or any other instance is seen by the next query. The time
 * limit only bounds how long an unused answer takes memory.
 */
export class ResultCache<T> {
  private readonly entries = new Map<string, { version: string; value: T; until: number }>();

  constructor(private readonly options: { ttlMs: number; maxEntries: number }) {}

  get enabled(): boolean {
    return this.options.ttlMs > 0 && this.options.maxEntries > 0;
  }

  /** Whether an answer is kept for `key` (within its time, at whatever version). */
  has(key: string): boolean {
    return (this.entries.get(key)?.until ?? 0) >= Date.now();
  }

  /** The answer computed at `version` of the index, if it is still within its time. */
  get(key: string, version: string): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until < Date.now() || entry.version !== version) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, version: string, value: T): void {
    this.entries.delete(key);
    // Oldest first out: a Map iterates in insertion order.
    while (this.entries.size >= this.options.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { version, value, until: Date.now() + this.options.ttlMs });
  }
}
