import { useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { EmptyState } from './EmptyState';
import type { EmptyStateProps } from './EmptyState';
import { ErrorState } from './ErrorState';
import { LoadingState } from './LoadingState';
import { filterRows, nextSort, pageRows, sortRows } from './dataTableModel';
import type { DataTableColumn, SortState } from './dataTableModel';
import { DataTableView } from './DataTableView';

export interface DataTableProps<T> {
  columns: readonly DataTableColumn<T>[];
  /** All rows; filtering, sorting and paging happen in the browser. `undefined` while loading. */
  data: readonly T[] | undefined;
  rowKey: (row: T) => string | number;
  /** Accessible name, also used in messages ("No greetings match"). */
  label: string;
  isLoading?: boolean;
  error?: unknown;
  onRetry?: () => void;
  /** Shown when there are no rows at all; say how to add some. */
  emptyState: Omit<EmptyStateProps, 'icon'>;
  initialSort?: SortState;
  pageSize?: number;
  filterPlaceholder?: string;
  toolbar?: ReactNode;
}

/** A client-side table with a filter box, sortable columns, paging and loading/error/empty states. */
export function DataTable<T>({ columns, data, pageSize = 20, label, ...props }: DataTableProps<T>) {
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<SortState | undefined>(props.initialSort);
  const [page, setPage] = useState(1);

  const visible = useMemo(
    () => sortRows(filterRows(data ?? [], columns, filter), columns, sort),
    [data, columns, filter, sort],
  );
  const { rows, pageCount } = pageRows(visible, page, pageSize);
  const currentPage = Math.min(page, pageCount);

  let placeholder: ReactNode;
  if (props.error) placeholder = <ErrorState title={`Could not load ${label}`} error={props.error} onRetry={props.onRetry} />;
  else if (props.isLoading || !data) placeholder = <LoadingState lines={5} label={`Loading ${label}`} />;
  else if (data.length === 0) placeholder = <EmptyState {...props.emptyState} />;
  else if (visible.length === 0) {
    placeholder = <EmptyState title={`No ${label} match “${filter}”`} description="Try fewer or different words, or clear the filter." />;
  }

  return (
    <DataTableView
      columns={columns} rows={rows} rowKey={props.rowKey} label={label}
      filter={filter} onFilterChange={v => { setFilter(v); setPage(1); }} filterPlaceholder={props.filterPlaceholder}
      sort={sort} onSortChange={id => setSort(s => nextSort(s, id))}
      page={currentPage} pageCount={pageCount} onPageChange={setPage}
      summary={data && `${visible.length === data.length ? data.length : `${visible.length} of ${data.length}`} ${label}`}
      placeholder={placeholder} toolbar={props.toolbar} hideFilter={data?.length === 0}
    />
  );
}
