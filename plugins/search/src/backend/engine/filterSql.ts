import { sql, type RawBuilder } from 'kysely';

/** Filter keys stored in their own indexed columns; any other key compares a top-level document field. */
const COLUMNS: Record<string, string> = {
  kind: 'kind',
  type: 'doc_type',
  owner: 'owner',
  lifecycle: 'lifecycle',
  namespace: 'namespace',
  entityRef: 'entity_ref',
};

/** Field names a filter may use: plain identifiers, so they can be bound as JSON keys without surprises. */
export const FILTER_KEY = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

/**
 * One filter as SQL on the documents alias `d` (or the facet CTE `m`): values of one key OR together,
 * case-insensitively, as in Backstage's engines; `tags` matches documents having any of the tags.
 */
export function filterCondition(alias: 'd' | 'm', key: string, values: string[]): RawBuilder<unknown> {
  const lowered = values.map((v) => v.toLowerCase());
  const a = sql.raw(alias);
  if (key === 'tags') return sql`${a}.tags && ${lowered}::text[]`;
  const column = COLUMNS[key];
  if (column) return sql`lower(${a}.${sql.raw(column)}) = any(${lowered}::text[])`;
  // A document is stored without its text (see toDocumentRow); the text it is returned with is cut from the
  // row's (here in code points, where the engine counts UTF-16 units: they differ only past a letter outside
  // the basic plane).
  if (key === 'text') {
    const text = sql`(case when ${a}.body <> '' then ${a}.body else ${a}.summary end)`;
    const returned = sql`(case when length(${text}) > 1000 then left(${text}, 1000) || '…' else ${text} end)`;
    return sql`lower(coalesce(${a}.document ->> 'text', ${returned})) = any(${lowered}::text[])`;
  }
  return sql`lower(${a}.document ->> ${key}) = any(${lowered}::text[])`;
}

export function allFilters(alias: 'd' | 'm', filters: Record<string, string[]>, except?: string): RawBuilder<unknown> {
  const parts = Object.entries(filters).filter(([k, v]) => k !== except && v.length > 0).map(([k, v]) => filterCondition(alias, k, v));
  return parts.length ? sql.join(parts, sql` and `) : sql`true`;
}

/** Whether a filter needs the document itself (not one of the indexed columns). */
export function needsDocument(filters: Record<string, string[]>): boolean {
  return Object.keys(filters).some((k) => k !== 'tags' && !COLUMNS[k]);
}
