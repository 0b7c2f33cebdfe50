import { Anchor, Badge, Group, Pagination, SegmentedControl, Select, Table, Text } from '@mantine/core';
import { EmptyState, EntityRefLink, ErrorState, LoadingState, Page, useIdentity } from '@atrium/frontend';
import { Link, useSearchParams } from 'react-router';
import { useTaskList } from './api';

const PAGE = 25;
const COLOR: Record<string, string> = { open: 'gray', processing: 'blue', completed: 'teal', failed: 'red', cancelled: 'orange' };

/** `/create/tasks`: tasks, mine or everyone's, by status; filters and page in the URL. */
export default function TasksPage() {
  const [params, setParams] = useSearchParams();
  const { identity } = useIdentity();
  const owner = params.get('owner') === 'all' ? 'all' : 'mine';
  const status = params.get('status') ?? '';
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v); else next.delete(k);
    if (k !== 'page') next.delete('page');
    setParams(next, { replace: true });
  };
  const tasks = useTaskList({
    ...(owner === 'mine' && identity && { createdBy: identity.userEntityRef }), ...(status && { status }), limit: PAGE, offset: (page - 1) * PAGE,
  });
  return (
    <Page title="Tasks" subtitle="Templates that ran, with their logs and results." eyebrow={<Anchor component={Link} to="/create" size="sm">← Create</Anchor>}>
      <Group wrap="wrap">
        <SegmentedControl value={owner} onChange={(v) => set('owner', v === 'all' ? 'all' : '')} data={[{ value: 'mine', label: 'Mine' }, { value: 'all', label: 'Everyone' }]} aria-label="Whose tasks" />
        <Select aria-label="Status" placeholder="Any status" data={['open', 'processing', 'completed', 'failed', 'cancelled']} value={status || null} onChange={(v) => set('status', v ?? '')} clearable w={180} />
      </Group>
      {tasks.isLoading && <LoadingState lines={6} label="Loading tasks" />}
      {tasks.isError && <ErrorState title="Could not load tasks" error={tasks.error} onRetry={() => void tasks.refetch()} />}
      {tasks.isSuccess && tasks.data.tasks.length === 0 && (
        <EmptyState title="No tasks" description={status || owner === 'mine' ? 'Nothing matches; show everyone\'s tasks or any status.' : 'Run a template from the Create page and its task appears here.'} />
      )}
      {tasks.isSuccess && tasks.data.tasks.length > 0 && (
        <Table.ScrollContainer minWidth={560}>
          <Table striped highlightOnHover>
            <Table.Thead><Table.Tr><Table.Th>Template</Table.Th><Table.Th>Status</Table.Th><Table.Th>Created by</Table.Th><Table.Th>Started</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {tasks.data.tasks.map((t) => (
                <Table.Tr key={t.id}>
                  <Table.Td><Anchor component={Link} to={`/create/tasks/${t.id}`}>{(t.spec.templateInfo?.entity?.metadata?.title as string | undefined) ?? t.spec.templateInfo?.entityRef ?? t.id}</Anchor></Table.Td>
                  <Table.Td><Badge color={COLOR[t.status]}>{t.status}</Badge></Table.Td>
                  <Table.Td>{t.createdBy ? <EntityRefLink entityRef={t.createdBy} defaultKind="user" /> : '—'}</Table.Td>
                  <Table.Td><Text size="sm">{new Date(t.createdAt).toLocaleString()}</Text></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {tasks.isSuccess && tasks.data.totalTasks > PAGE && <Pagination total={Math.ceil(tasks.data.totalTasks / PAGE)} value={page} onChange={(p) => set('page', String(p))} />}
    </Page>
  );
}
