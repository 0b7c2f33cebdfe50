import { Accordion, Anchor, Badge, Code, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { ErrorState, LoadingState, Page } from '@atrium/frontend';
import { IconSearch } from '@tabler/icons-react';
import type { ActionInfo, JsonObject } from '@atrium/plugin-scaffolder/common';
import { Link, useSearchParams } from 'react-router';
import { useActions } from './api';

function typeOf(p: Record<string, unknown>): string {
  if (Array.isArray(p.enum)) return p.enum.map(String).join(' | ');
  if (Array.isArray(p.anyOf)) return p.anyOf.map((x) => typeOf(x as Record<string, unknown>)).join(' | ');
  if (p.type === 'array' && p.items && typeof p.items === 'object') return `${typeOf(p.items as Record<string, unknown>)}[]`;
  return Array.isArray(p.type) ? p.type.join(' | ') : String(p.type ?? 'any');
}

function SchemaTable({ schema, label }: { schema?: JsonObject; label: string }) {
  const props = (schema?.properties ?? {}) as Record<string, Record<string, unknown>>;
  const required = new Set((schema?.required ?? []) as string[]);
  if (Object.keys(props).length === 0) return <Text size="sm" c="dimmed">{label}: none</Text>;
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table withTableBorder aria-label={label}>
        <Table.Thead><Table.Tr><Table.Th>{label}</Table.Th><Table.Th>Type</Table.Th><Table.Th>Meaning</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {Object.entries(props).map(([name, p]) => (
            <Table.Tr key={name}>
              <Table.Td><Code>{name}</Code>{required.has(name) && <Text span c="red" aria-label="required"> *</Text>}</Table.Td>
              <Table.Td><Text size="sm">{typeOf(p)}</Text></Table.Td>
              <Table.Td><Text size="sm">{String(p.title ?? '')}{p.description ? ` — ${String(p.description)}` : ''}</Text></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** `/create/actions`: every installed action with its input and output schema and examples. */
export default function ActionsPage() {
  const actions = useActions();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const shown = (actions.data ?? []).filter((a: ActionInfo) => !q || a.id.includes(q) || a.description?.toLowerCase().includes(q.toLowerCase()));
  return (
    <Page title="Installed actions" subtitle="What template steps can do. Each step's input is checked against the action's schema before it runs."
      eyebrow={<Anchor component={Link} to="/create" size="sm">← Create</Anchor>}>
      <TextInput aria-label="Filter actions" placeholder="Filter by id or description" leftSection={<IconSearch size={16} />} value={q}
        onChange={(e) => setParams(e.currentTarget.value ? { q: e.currentTarget.value } : {}, { replace: true })} maw={420} />
      {actions.isLoading && <LoadingState lines={8} label="Loading actions" />}
      {actions.isError && <ErrorState title="Could not load the actions" error={actions.error} onRetry={() => void actions.refetch()} />}
      {actions.isSuccess && shown.length === 0 && <Text c="dimmed">No action matches “{q}”.</Text>}
      <Accordion multiple variant="separated">
        {shown.map((a) => (
          <Accordion.Item key={a.id} value={a.id}>
            <Accordion.Control>
              <Group gap="xs"><Code fw={600}>{a.id}</Code>{a.supportsDryRun && <Badge size="xs" variant="light">dry run</Badge>}</Group>
              <Text size="sm" c="dimmed" mt={2}>{a.description}</Text>
            </Accordion.Control>
            <Accordion.Panel>
              <Stack gap="sm">
                <SchemaTable schema={a.schema.input} label="Input" />
                <SchemaTable schema={a.schema.output} label="Output" />
                {a.examples?.map((ex, i) => <Stack key={i} gap={2}><Text size="sm" fw={500}>{ex.description}</Text><Code block>{ex.example}</Code></Stack>)}
              </Stack>
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
    </Page>
  );
}
