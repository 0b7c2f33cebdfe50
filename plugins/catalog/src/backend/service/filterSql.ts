import { sql, type RawBuilder } from 'kysely';
import type { EntityFilter } from '@atrium/model';
import type { CatalogDb } from '../database/entityRows.js';
import { FILTER_COLUMNS } from './filterColumns.js';
import { hasKeyValue } from './keyRows.js';

/**
 * Compiles the model's filter AST to a SQL condition on the entities table aliased `e`. The common
 * keys (kind, namespace, name, spec.type, spec.lifecycle) use their own indexed columns; every other
 * key is an EXISTS over the rows that hold its values (keyRows.ts), a lookup by the entity. Keys and
 * values are lowercased in both, which makes matching case-insensitive as in Backstage. Callers alias
 * the entities table `e`.
 */
export function entityFilterSql(c: CatalogDb, filter: EntityFilter | undefined): RawBuilder<boolean> {
  if (!filter) return sql<boolean>`true`;
  switch (filter.type) {
    case 'allOf':
      if (filter.filters.length === 0) return sql<boolean>`true`;
      return sql<boolean>`(${sql.join(filter.filters.map((f) => entityFilterSql(c, f)), sql` and `)})`;
    case 'anyOf':
      if (filter.filters.length === 0) return sql<boolean>`false`;
      return sql<boolean>`(${sql.join(filter.filters.map((f) => entityFilterSql(c, f)), sql` or `)})`;
    case 'not':
      return sql<boolean>`not ${entityFilterSql(c, filter.filter)}`;
    case 'prefix': {
      const key = filter.key.toLowerCase();
      const pattern = `${escapeLike(filter.prefix.toLowerCase())}%`;
      const column = FILTER_COLUMNS[key];
      if (column) return sql<boolean>`${sql.ref(`e.${column}`)} like ${pattern} escape '\\'`;
      return hasKeyValue(c, [key], (value) => sql<boolean>`${value} like ${pattern} escape '\\'`);
    }
    case 'key': {
      const key = filter.key.toLowerCase();
      const column = FILTER_COLUMNS[key];
      if (column) {
        // Callers alias the entities table `e` (see FILTER_COLUMNS for what these columns hold).
        const col = sql.ref(`e.${column}`);
        if (filter.values === undefined) return sql<boolean>`${col} is not null`;
        if (filter.values.length === 0) return sql<boolean>`false`;
        return sql<boolean>`${col} in (${sql.join(filter.values.map((v) => v.toLowerCase()))})`;
      }
      if (filter.values === undefined) {
        return hasKeyValue(c, [key]);
      }
      if (filter.values.length === 0) return sql<boolean>`false`;
      const values = filter.values.map((v) => v.toLowerCase());
      return hasKeyValue(c, [key], (value) => sql<boolean>`${value} in (${sql.join(values)})`);
    }
  }
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/** Escapes LIKE wildcards so a search term matches literally. */
export function likePattern(term: string): string {
  return `%${escapeLike(term.toLowerCase())}%`;
}

/**
 * Full-text filter: the term as a case-insensitive substring of any of the fields' search values.
 * (A trigram index on search.value would let PostgreSQL answer this without scanning the key's rows.)
 */
export function fullTextSql(c: CatalogDb, term: string, fields: string[]): RawBuilder<boolean> {
  const keys = fields.map((f) => f.toLowerCase());
  // Fields with a column of their own are matched there (names have a trigram index).
  const parts = keys.flatMap((k) => (FILTER_COLUMNS[k] ? [sql<boolean>`${sql.ref(`e.${FILTER_COLUMNS[k]}`)} like ${likePattern(term)} escape '\\'`] : []));
  const others = keys.filter((k) => !FILTER_COLUMNS[k]);
  if (others.length > 0) parts.push(hasKeyValue(c, others, (value) => sql<boolean>`${value} like ${likePattern(term)} escape '\\'`));
  return parts.length === 0 ? sql<boolean>`false` : sql<boolean>`(${sql.join(parts, sql` or `)})`;
}
