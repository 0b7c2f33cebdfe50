import { Box, Group, Pagination, Table, Text, TextInput, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconArrowsSort, IconSearch } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { DataTableColumn, SortState } from './dataTableModel';

export interface DataTableViewProps<T> {
  columns: readonly DataTableColumn<T>[];
  /** The rows of the current page only. */
  rows: readonly T[];
  rowKey: (row: T) => string | number;
  /** Accessible name of the table. */
  label: string;
  filter: string;
  onFilterChange: (value: string) => void;
  filterPlaceholder?: string;
  sort?: SortState;
  onSortChange: (columnId: string) => void;
  page: number;
  pageCount: number;
  onPageChange: (page: number) => void;
  /** "12 of 40 greetings"-style summary shown next to the pager. */
  summary?: ReactNode;
  /** Replaces the body (loading, error or empty state). */
  placeholder?: ReactNode;
  toolbar?: ReactNode;
  /** Hides the filter box, e.g. while there is nothing to filter. */
  hideFilter?: boolean;
}

const sortIcon = (state: SortState | undefined, id: string) =>
  state?.columnId !== id ? <IconArrowsSort size={14} aria-hidden opacity={0.5} />
    : state.direction === 'asc' ? <IconArrowUp size={14} aria-hidden /> : <IconArrowDown size={14} aria-hidden />;

/**
 * A presentational table: filter box, sortable headers, pager. It holds no state, so the same view
 * serves client-side tables (`DataTable`) and later server-side paged ones.
 */
export function DataTableView<T>(props: DataTableViewProps<T>) {
  const { columns, rows, rowKey, label, sort, placeholder } = props;
  return (
    <Box>
      <Group justify="space-between" mb="sm" gap="sm" display={props.hideFilter && !props.toolbar ? 'none' : undefined}>
        {!props.hideFilter && <TextInput
          aria-label={`Filter ${label}`} placeholder={props.filterPlaceholder ?? 'Filter'}
          leftSection={<IconSearch size={16} aria-hidden />} value={props.filter}
          onChange={e => props.onFilterChange(e.currentTarget.value)} style={{ flex: '1 1 240px', maxWidth: 360 }}
        />}
        {props.toolbar}
      </Group>
      {/* States replace the whole table: inside a horizontally scrolling table they would be cut off on phones. */}
      {placeholder ? <Box py="xs">{placeholder}</Box> : (
      <Table.ScrollContainer minWidth={480}>
        <Table highlightOnHover verticalSpacing="sm" aria-label={label}>
          <Table.Thead>
            <Table.Tr>
              {columns.map(col => {
                const ariaSort = sort?.columnId === col.id ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined;
                return (
                  <Table.Th key={col.id} style={{ width: col.width, textAlign: col.align }} aria-sort={ariaSort}>
                    {col.sortable && col.value ? (
                      <UnstyledButton onClick={() => props.onSortChange(col.id)} className="atrium-sort-button">
                        <Group gap={4} wrap="nowrap" component="span">
                          <span>{col.header}</span>
                          {sortIcon(sort, col.id)}
                          <VisuallyHidden>{ariaSort ? `, sorted ${ariaSort}` : ', sortable'}</VisuallyHidden>
                        </Group>
                      </UnstyledButton>
                    ) : col.header}
                  </Table.Th>
                );
              })}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map(row => (
              <Table.Tr key={rowKey(row)}>
                {columns.map(col => (
                  <Table.Td key={col.id} style={{ textAlign: col.align }}>
                    {col.render ? col.render(row) : String(col.value?.(row) ?? '')}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      )}
      {!placeholder && (
        <Group justify="space-between" mt="sm" gap="sm">
          <Text size="sm" c="dimmed" aria-live="polite">{props.summary}</Text>
          {props.pageCount > 1 && (
            <Pagination
              size="sm" total={props.pageCount} value={props.page} onChange={props.onPageChange}
              getControlProps={control => ({ 'aria-label': `${control} page` })}
              getItemProps={page => ({ 'aria-label': `Page ${page}` })}
            />
          )}
        </Group>
      )}
    </Box>
  );
}
