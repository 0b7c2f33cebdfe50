/** A small LRU by total bytes (or entry count), for immutable things: blobs by hash, file maps by build id. */
export class LruCache<K, V> {
  private readonly map = new Map<K, { value: V; size: number }>();
  private total = 0;
  constructor(private readonly maxSize: number, private readonly sizeOf: (v: V) => number = () => 1) {}

  get(key: K): V | undefined {
    const hit = this.map.get(key);
    if (!hit) return undefined;
    this.map.delete(key);
    this.map.set(key, hit);
    return hit.value;
  }

  set(key: K, value: V): void {
    const size = this.sizeOf(value);
    if (size > this.maxSize) return;
    const old = this.map.get(key);
    if (old) { this.total -= old.size; this.map.delete(key); }
    this.map.set(key, { value, size });
    this.total += size;
    for (const [k, v] of this.map) {
      if (this.total <= this.maxSize) break;
      this.map.delete(k);
      this.total -= v.size;
    }
  }

  delete(key: K): void {
    const old = this.map.get(key);
    if (old) { this.total -= old.size; this.map.delete(key); }
  }
}
