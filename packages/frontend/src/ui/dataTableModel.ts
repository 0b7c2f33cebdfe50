import type { ReactNode } from 'react';

/** A column of a `DataTable`. */
export interface DataTableColumn<T> {
  /** Stable id, used for sorting state and React keys. */
  id: string;
  header: string;
  /** Cell content; defaults to `String(value(row))`. */
  render?: (row: T) => ReactNode;
  /** Plain value used for sorting, filtering and the default cell. */
  value?: (row: T) => string | number | Date | null | undefined;
  sortable?: boolean;
  /** Whether the filter box searches this column; defaults to true when `value` is given. */
  filterable?: boolean;
  width?: number | string;
  align?: 'left' | 'right' | 'center';
}

export type SortDirection = 'asc' | 'desc';
export interface SortState {
  columnId: string;
  direction: SortDirection;
}

const asComparable = (v: unknown): string | number =>
  v instanceof Date ? v.getTime() : typeof v === 'number' ? v : v === null || v === undefined ? '' : String(v);

/** Rows whose filterable columns contain every word of `query` (case-insensitive). */
export function filterRows<T>(rows: readonly T[], columns: readonly DataTableColumn<T>[], query: string): T[] {
  const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...rows];
  const searchable = columns.filter(c => c.value && c.filterable !== false);
  return rows.filter(row => {
    const text = searchable.map(c => asComparable(c.value?.(row))).join('\u0000').toLocaleLowerCase();
    return words.every(w => text.includes(w));
  });
}

/** A stable sort by one column; empty values go last in both directions. */
export function sortRows<T>(rows: readonly T[], columns: readonly DataTableColumn<T>[], sort: SortState | undefined): T[] {
  const column = sort && columns.find(c => c.id === sort.columnId);
  if (!sort || !column?.value) return [...rows];
  const dir = sort.direction === 'asc' ? 1 : -1;
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
  return rows
    .map((row, index) => ({ row, index, key: asComparable(column.value?.(row)) }))
    .sort((a, b) => {
      if (a.key === '' && b.key !== '') return 1;
      if (b.key === '' && a.key !== '') return -1;
      const cmp = typeof a.key === 'number' && typeof b.key === 'number' ? a.key - b.key : collator.compare(String(a.key), String(b.key));
      return cmp * dir || a.index - b.index;
    })
    .map(r => r.row);
}

/** Rows of a 1-based page, and the page count (at least 1). */
export function pageRows<T>(rows: readonly T[], page: number, pageSize: number): { rows: T[]; pageCount: number } {
  const pageCount = Math.max(1, Math.ceil(rows.length / pageSize));
  const current = Math.min(Math.max(1, page), pageCount);
  return { rows: rows.slice((current - 1) * pageSize, current * pageSize), pageCount };
}

/** Next sort state when a header is activated: ascending, then descending, then unsorted. */
export function nextSort(current: SortState | undefined, columnId: string): SortState | undefined {
  if (current?.columnId !== columnId) return { columnId, direction: 'asc' };
  return current.direction === 'asc' ? { columnId, direction: 'desc' } : undefined;
}
