import { sql, type RawBuilder } from 'kysely';
import { table, type CatalogDb } from '../database/entityRows.js';
import { FILTER_COLUMNS } from './filterColumns.js';

/**
 * Where a filter key's values are read, for the entity aliased `e`. `relations.<type>` keys come from
 * the relations table, which holds every relation once with an index on its source; every other key
 * from the search rows (the flattened final entity). Relations were a third of the search rows, and
 * those rows were written again at every stitch (see ADR 0006).
 */
export function isRelationKey(key: string): boolean {
  return key.startsWith('relations.');
}

/** The relation type a lowercased `relations.<type>` key names, lowercased. */
const relationType = (key: string) => key.slice('relations.'.length);

/**
 * Whether entity `e` has a value for any of these (lowercased) keys that satisfies `match`, given
 * the value column (or any value at all without it).
 */
export function hasKeyValue(c: CatalogDb, keys: string[], match?: (value: RawBuilder<unknown>) => RawBuilder<boolean>): RawBuilder<boolean> {
  const relationKeys = keys.filter(isRelationKey);
  const searchKeys = keys.filter((k) => !isRelationKey(k));
  const parts: RawBuilder<boolean>[] = [];
  if (searchKeys.length > 0) {
    const value = match ? sql` and ${match(sql.ref('s.value'))}` : sql``;
    parts.push(sql<boolean>`exists (select 1 from ${table(c, 'search')} s where s.entity_id = e.id and s.key in (${sql.join(searchKeys)})${value})`);
  }
  if (relationKeys.length > 0) {
    const value = match ? sql` and ${match(sql.ref('r.target_ref'))}` : sql``;
    parts.push(sql<boolean>`exists (select 1 from ${table(c, 'relations')} r where r.source_ref = e.ref
      and lower(r.type) in (${sql.join(relationKeys.map(relationType))})${value})`);
  }
  if (parts.length === 0) return sql<boolean>`false`;
  return parts.length === 1 ? parts[0]! : sql<boolean>`(${sql.join(parts, sql` or `)})`;
}

/** The value entity `e` sorts by for a key: the least of its values (Backstage sorts lowercased). */
export function sortValueOf(c: CatalogDb, key: string): RawBuilder<unknown> {
  const k = key.toLowerCase();
  if (isRelationKey(k)) {
    return sql`(select min(r.target_ref) from ${table(c, 'relations')} r where r.source_ref = e.ref and lower(r.type) = ${relationType(k)})`;
  }
  // The column holds the lowercased value (their search rows only keep other spellings).
  if (FILTER_COLUMNS[k]) return sql.ref(`e.${FILTER_COLUMNS[k]}`);
  return sql`(select min(s.value) from ${table(c, 'search')} s where s.entity_id = e.id and s.key = ${k})`;
}

/**
 * Per (lowercased) key, the entities `e` matching `where` counted by value, as (key, value, n) rows
 * ordered by key and value; a value is shown as first written and grouped case-insensitively.
 */
export function keyValueCounts(c: CatalogDb, keys: string[], where: RawBuilder<boolean>): RawBuilder<{ key: string; value: string; n: string | number }> {
  const relationKeys = keys.filter(isRelationKey);
  const searchKeys = keys.filter((k) => !isRelationKey(k));
  const parts: RawBuilder<unknown>[] = [];
  if (searchKeys.length > 0) {
    parts.push(sql`select s.key, min(coalesce(s.original_value, s.value)) as value, count(*) as n
      from ${table(c, 'search')} s join ${table(c, 'final_entities')} e on e.id = s.entity_id
      where s.key in (${sql.join(searchKeys)}) and s.value is not null and ${where}
      group by s.key, s.value`);
  }
  if (relationKeys.length > 0) {
    // Two entities may state the same relation: each source counts once per target.
    parts.push(sql`select 'relations.' || lower(r.type) as key, r.target_ref as value, count(distinct r.source_ref) as n
      from ${table(c, 'relations')} r join ${table(c, 'final_entities')} e on e.ref = r.source_ref
      where lower(r.type) in (${sql.join(relationKeys.map(relationType))}) and ${where}
      group by 1, 2`);
  }
  return sql`select * from (${sql.join(parts, sql` union all `)}) v order by v.key, v.value`;
}
