/**
 * JSON text from PostgreSQL passed through to the response unparsed: an entity read as `final::text`
 * is neither parsed into objects nor serialised again, which is most of the CPU of a page of entities.
 */
export class RawJson {
  /** The JSON in pieces written one after another: text, and UTF-8 bytes (see entityTextCache.ts). */
  readonly parts: ReadonlyArray<string | Buffer>;

  constructor(json: string | ReadonlyArray<string | Buffer>) {
    this.parts = typeof json === 'string' ? [json] : json;
  }

  /** The JSON as one string. */
  get text(): string {
    return this.parts.length === 1 && typeof this.parts[0] === 'string' ? this.parts[0] : this.parts.map(String).join('');
  }
}

/**
 * Fastify reply serializer: JSON.stringify, with each RawJson replaced by its text. The replacer puts a
 * placeholder string in its place, swapped afterwards; the placeholder starts with NUL and carries a
 * random nonce per call, so no string in the data can pass for one. With raw texts in it, the body is
 * returned as UTF-8 bytes.
 */
export function serializeWithRawJson(payload: unknown): string | Buffer {
  // A whole entity (by-name, by-uid) is its stored text as it is.
  if (payload instanceof RawJson) return joined(payload.parts);
  const nonce = Math.random().toString(36).slice(2, 10);
  const mark = `\u0000raw:${nonce}:`;
  const raws: Array<ReadonlyArray<string | Buffer>> = [];
  const json = JSON.stringify(payload, (_key, value: unknown) => {
    if (value instanceof RawJson) {
      raws.push(value.parts);
      return `${mark}${raws.length - 1}`;
    }
    return value;
  });
  if (raws.length === 0) return json;
  // The bytes are written straight into one Buffer: building the whole body as a string and handing
  // that to the socket cost about five times as much (measured: 63 against 340 us for a page of 100).
  // Each placeholder is found with indexOf: a RegExp made for each call's nonce was compiled anew
  // every time.
  const quoted = `"\\u0000raw:${nonce}:`; // as JSON.stringify escapes the NUL
  const parts: Array<string | Buffer> = [];
  let last = 0;
  for (let at = json.indexOf(quoted); at !== -1; at = json.indexOf(quoted, last)) {
    const end = json.indexOf('"', at + quoted.length);
    parts.push(json.slice(last, at), ...raws[Number(json.slice(at + quoted.length, end))]!);
    last = end + 1;
  }
  parts.push(json.slice(last));
  return joined(parts);
}

/** The parts as one string when small and all text (a single entity is cheaper sent so), else as one Buffer. */
function joined(parts: ReadonlyArray<string | Buffer>): string | Buffer {
  if (parts.length === 1 && typeof parts[0] === 'string') return parts[0];
  let length = 0;
  let bytes = false;
  for (const part of parts) {
    length += part.length;
    if (typeof part !== 'string') bytes = true;
  }
  if (!bytes && length < 16_384) return parts.join('');
  const lengths = parts.map((part) => (typeof part === 'string' ? Buffer.byteLength(part) : part.length));
  const out = Buffer.allocUnsafe(lengths.reduce((a, b) => a + b, 0));
  let offset = 0;
  parts.forEach((part, i) => {
    offset += typeof part === 'string' ? out.write(part, offset, lengths[i]!, 'utf8') : part.copy(out, offset);
  });
  return out;
}
