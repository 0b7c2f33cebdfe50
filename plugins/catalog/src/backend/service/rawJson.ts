/**
 * JSON text from PostgreSQL passed through to the response unparsed: an entity read as `final::text`
 * is neither parsed into objects nor serialised again, which is most of the CPU of a page of entities.
 */
export class RawJson {
  constructor(readonly text: string) {}
}

/**
 * Fastify reply serializer: JSON.stringify, with each RawJson replaced by its text. The replacer puts a
 * placeholder string in its place, swapped afterwards; the placeholder starts with NUL and carries a
 * random nonce per call, so no string in the data can pass for one.
 */
export function serializeWithRawJson(payload: unknown): string {
  const nonce = Math.random().toString(36).slice(2, 10);
  const mark = `\u0000raw:${nonce}:`;
  const raws: string[] = [];
  const json = JSON.stringify(payload, (_key, value: unknown) => {
    if (value instanceof RawJson) {
      raws.push(value.text);
      return `${mark}${raws.length - 1}`;
    }
    return value;
  });
  if (raws.length === 0) return json;
  return json.replace(new RegExp(`"\\\\u0000raw:${nonce}:(\\d+)"`, 'g'), (_m, i: string) => raws[Number(i)]!);
}
