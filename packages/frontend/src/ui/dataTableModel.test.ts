import { describe, expect, it } from 'vitest';
import { filterRows, nextSort, pageRows, sortRows } from './dataTableModel';
import type { DataTableColumn } from './dataTableModel';

interface Row { name: string; size: number | null }
const rows: Row[] = [{ name: 'beta', size: 10 }, { name: 'Alpha', size: 2 }, { name: 'gamma ray', size: null }];
const columns: DataTableColumn<Row>[] = [
  { id: 'name', header: 'Name', value: r => r.name, sortable: true },
  { id: 'size', header: 'Size', value: r => r.size, sortable: true },
];

describe('data table model', () => {
  it('filters on every word, case-insensitively', () => {
    expect(filterRows(rows, columns, 'RAY gam').map(r => r.name)).toEqual(['gamma ray']);
    expect(filterRows(rows, columns, '  ')).toHaveLength(3);
  });

  it('sorts numbers numerically and keeps empty values last in both directions', () => {
    expect(sortRows(rows, columns, { columnId: 'size', direction: 'asc' }).map(r => r.size)).toEqual([2, 10, null]);
    expect(sortRows(rows, columns, { columnId: 'size', direction: 'desc' }).map(r => r.size)).toEqual([10, 2, null]);
    expect(sortRows(rows, columns, { columnId: 'name', direction: 'asc' }).map(r => r.name)).toEqual(['Alpha', 'beta', 'gamma ray']);
  });

  it('pages and cycles sort asc → desc → none', () => {
    expect(pageRows(rows, 2, 2)).toEqual({ rows: [rows[2]], pageCount: 2 });
    expect(pageRows([], 3, 10)).toEqual({ rows: [], pageCount: 1 });
    const asc = nextSort(undefined, 'name');
    const desc = nextSort(asc, 'name');
    expect([asc?.direction, desc?.direction, nextSort(desc, 'name')]).toEqual(['asc', 'desc', undefined]);
  });
});
