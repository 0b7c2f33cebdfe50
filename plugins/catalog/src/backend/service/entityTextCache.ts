/**
 * Final entities' JSON as UTF-8 bytes, by id and etag, least recently used first out past a size in
 * bytes. A page of whole entities is then queried for its ids and etags alone, and only the entities
 * missing here (or whose etag moved on) are read in full: the database stops sending, and the portal
 * stops decoding and encoding again, the same 1–2 KB per entity on every request (a page of 100 is
 * ~130 KB). The etag is a hash of the final form, so an entry is never served for a form it was not
 * made from, on any instance: nothing has to invalidate it.
 */
export class EntityTextCache {
  readonly #entries = new Map<string, { etag: string; bytes: Buffer }>();
  #bytes = 0;

  constructor(readonly maxBytes: number) {}

  /** The entity's bytes if they were stored for this etag. */
  get(id: string, etag: string): Buffer | undefined {
    const hit = this.#entries.get(id);
    if (!hit || hit.etag !== etag) return undefined;
    // Most recently used last.
    this.#entries.delete(id);
    this.#entries.set(id, hit);
    return hit.bytes;
  }

  /** Stores the entity's text for this etag and returns its bytes (also when too large to keep). */
  set(id: string, etag: string, text: string): Buffer {
    // Outside Node's shared pool: a kept slice would hold on to the pool's whole 8 KB block.
    const bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(text));
    bytes.write(text, 0, 'utf8');
    const old = this.#entries.get(id);
    if (old) {
      this.#entries.delete(id);
      this.#bytes -= old.bytes.length;
    }
    if (bytes.length > this.maxBytes) return bytes;
    this.#entries.set(id, { etag, bytes });
    this.#bytes += bytes.length;
    for (const [oldest, entry] of this.#entries) {
      if (this.#bytes <= this.maxBytes) break;
      this.#entries.delete(oldest);
      this.#bytes -= entry.bytes.length;
    }
    return bytes;
  }

  /** Bytes held (for tests and metrics). */
  get size(): number {
    return this.#bytes;
  }
}
