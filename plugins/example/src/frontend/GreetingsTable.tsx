import { Text } from '@mantine/core';
import { DataTable, EntityRefLink } from '@atrium/frontend';
import type { DataTableColumn } from '@atrium/frontend';
import type { Greeting } from '@atrium/plugin-example/common';
import { useGreetings } from './api';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

const baseColumns: DataTableColumn<Greeting>[] = [
  { id: 'message', header: 'Message', value: g => g.message, sortable: true, render: g => <Text size="sm" miw={180} style={{ overflowWrap: 'anywhere' }}>{g.message}</Text> },
  { id: 'author', header: 'Author', value: g => g.author, sortable: true, width: 200, render: g => <EntityRefLink entityRef={g.author} defaultKind="user" /> },
  { id: 'createdAt', header: 'Posted', value: g => new Date(g.createdAt), sortable: true, width: 190, render: g => dateFormat.format(new Date(g.createdAt)) },
];
const entityColumn: DataTableColumn<Greeting> = {
  id: 'entity', header: 'On', value: g => g.entityRef ?? '', sortable: true, width: 220,
  render: g => (g.entityRef ? <EntityRefLink entityRef={g.entityRef} /> : <Text size="sm" c="dimmed">the portal</Text>),
};
const allColumns = [baseColumns[0]!, entityColumn, ...baseColumns.slice(1)];

/** Greetings in a filterable, sortable table; newest first. */
export function GreetingsTable({ entityRef }: { entityRef?: string }) {
  const greetings = useGreetings(entityRef);
  const columns = entityRef ? baseColumns : allColumns;
  return (
    <DataTable
      label="greetings" columns={columns} data={greetings.data} rowKey={g => g.id}
      isLoading={greetings.isPending} error={greetings.error} onRetry={() => void greetings.refetch()}
      initialSort={{ columnId: 'createdAt', direction: 'desc' }} pageSize={10} filterPlaceholder="Filter greetings"
      emptyState={{ title: 'No greetings yet', description: 'Be the first: write a message in the form and press “Post greeting”.' }}
    />
  );
}
