import { Anchor, Badge, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { EmptyState, EntityRefLink, ErrorState, LoadingState, Page } from '@atrium/frontend';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useDocumentedEntities } from './api';
import { timeAgo } from './timeAgo';

/** `/docs`: every entity with docs, filtered by owner, kind and text (all kept in the URL). */
export function DocsIndexPage() {
  const [params, setParams] = useSearchParams();
  const docs = useDocumentedEntities();
  const text = params.get('q') ?? '';
  const owner = params.get('owner');
  const kind = params.get('kind');
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value); else next.delete(key);
    setParams(next, { replace: true });
  };

  const all = useMemo(() => docs.data ?? [], [docs.data]);
  const owners = useMemo(() => [...new Set(all.map((d) => String(d.entity.spec?.owner ?? '')).filter(Boolean))].sort(), [all]);
  const kinds = useMemo(() => [...new Set(all.map((d) => d.entity.kind.toLowerCase()))].sort(), [all]);
  const needle = text.trim().toLowerCase();
  const rows = all.filter((d) => (!owner || d.entity.spec?.owner === owner) && (!kind || d.entity.kind.toLowerCase() === kind)
    && (!needle || [d.entity.metadata.name, d.entity.metadata.title, d.entity.metadata.description, d.site?.siteName].some((v) => v?.toLowerCase().includes(needle))));

  return (
    <Page title="Docs" subtitle="Documentation kept next to the code of each component, built from its MkDocs sources.">
      <Group gap="sm" wrap="wrap">
        <TextInput aria-label="Filter docs" placeholder="Filter by name or description" leftSection={<IconSearch size={16} />} value={text} onChange={(e) => set('q', e.currentTarget.value)} w={{ base: '100%', sm: 320 }} />
        <Select aria-label="Owner" placeholder="Any owner" data={owners} value={owner} onChange={(v) => set('owner', v)} clearable searchable w={{ base: '100%', sm: 220 }} />
        <Select aria-label="Kind" placeholder="Any kind" data={kinds} value={kind} onChange={(v) => set('kind', v)} clearable w={{ base: '100%', sm: 160 }} />
      </Group>
      {docs.isPending && <LoadingState label="Loading documented entities…" />}
      {docs.isError && <ErrorState title="Could not load the docs list" error={docs.error} onRetry={() => void docs.refetch()} />}
      {docs.data && all.length === 0 && <EmptyState title="No docs yet" description="Add a backstage.io/techdocs-ref annotation (for example dir:.) and an mkdocs.yml next to a component's catalog-info.yaml." />}
      {docs.data && all.length > 0 && rows.length === 0 && <EmptyState title="No docs match" description="Clear a filter or try another word." />}
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing="sm" highlightOnHover>
            <Table.Thead><Table.Tr><Table.Th>Docs</Table.Th><Table.Th>Owner</Table.Th><Table.Th>Kind</Table.Th><Table.Th>Updated</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {rows.map(({ entity, ref, site }) => {
                const ns = entity.metadata.namespace ?? 'default';
                return (
                  <Table.Tr key={ref}>
                    <Table.Td>
                      <Stack gap={2}>
                        <Anchor component={Link} to={`/docs/${ns}/${entity.kind.toLowerCase()}/${entity.metadata.name}/`} fw={600}>{site?.siteName || entity.metadata.title || entity.metadata.name}</Anchor>
                        {entity.metadata.description && <Text size="xs" c="dimmed" lineClamp={2}>{entity.metadata.description}</Text>}
                      </Stack>
                    </Table.Td>
                    <Table.Td>{entity.spec?.owner ? <EntityRefLink entityRef={String(entity.spec.owner)} defaultKind="group" /> : '—'}</Table.Td>
                    <Table.Td><Badge variant="light">{entity.kind}</Badge></Table.Td>
                    <Table.Td><Text size="sm" c="dimmed">{site ? timeAgo(site.buildTimestamp) : 'not built yet'}</Text></Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Page>
  );
}
