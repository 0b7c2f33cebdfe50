import { Anchor, Badge, Button, Card, Code, Group, Stack, Table, Text } from '@mantine/core';
import { EmptyState, ErrorState, LoadingState, Page, createApiClient, entityRoute, useApiQuery, useLiveEntityUpdates } from '@atrium/frontend';
import { CATALOG_PLUGIN_ID, catalogRoutes, type CatalogErrorItem, type EntityErrorsResponse } from '@atrium/plugin-catalog/common';
import { keepPreviousData } from '@tanstack/react-query';
import { IconChevronLeft, IconChevronRight, IconCircleCheck } from '@tabler/icons-react';
import { Link, useSearchParams } from 'react-router';

const client = createApiClient(CATALOG_PLUGIN_ID);
const PAGE = 50;
const LIVE_KEYS = [[CATALOG_PLUGIN_ID, 'errors']] as const;

/** `file:12, field metadata.name`: where to look, as precisely as the catalog knows. */
export function errorLocation(e: CatalogErrorItem): string | undefined {
  const file = e.url ? (e.line ? `${e.url}:${e.line}` : e.url) : undefined;
  return [file, e.field && `field ${e.field}`].filter(Boolean).join(', ') || undefined;
}

function EntityCell({ item }: { item: EntityErrorsResponse['items'][number] }) {
  return (
    <Stack gap={2}>
      {item.visible ? (
        <Anchor component={Link} to={entityRoute(item.entityRef)} size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>{item.entityRef}</Anchor>
      ) : (
        <Group gap={6}><Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>{item.entityRef}</Text><Badge size="xs" color="red" variant="light">never valid, not in the catalog</Badge></Group>
      )}
      {item.location && <Text size="xs" c="dimmed">Registered location <Code style={{ overflowWrap: 'anywhere' }}>{item.location.target}</Code></Text>}
      {!item.location && item.locationKey && <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>from {item.locationKey}</Text>}
    </Stack>
  );
}

/** `/catalog-errors`: every entity and location the catalog could not process, with where each problem is. */
export function CatalogErrorsPage() {
  const [params, setParams] = useSearchParams();
  const offset = Math.max(0, Number.parseInt(params.get('offset') ?? '0', 10) || 0);
  const errors = useApiQuery([CATALOG_PLUGIN_ID, 'errors', offset], signal =>
    client.get<EntityErrorsResponse>(catalogRoutes.entityErrors, { query: { limit: PAGE, offset }, signal }), { placeholderData: keepPreviousData });
  // Fixed descriptors drop off the list, new problems appear, without a reload.
  useLiveEntityUpdates(LIVE_KEYS);
  const go = (next: number) => setParams(next > 0 ? { offset: String(next) } : {});

  let body;
  if (errors.isError) body = <ErrorState title="Could not load the catalog errors" error={errors.error} onRetry={() => void errors.refetch()} />;
  else if (!errors.data) body = <LoadingState lines={6} label="Loading catalog errors" />;
  else if (errors.data.items.length === 0 && offset === 0) {
    body = <EmptyState icon={<IconCircleCheck size={26} />} title="No errors" description="Every descriptor the catalog reads is valid. Problems show up here, with file and line, as soon as the catalog finds them." />;
  } else {
    const { items, nextOffset } = errors.data;
    body = (
      <Stack gap="sm">
        <Table.ScrollContainer minWidth={640}>
          <Table aria-label="Entities with errors" verticalSpacing="sm" striped>
            <Table.Thead><Table.Tr><Table.Th w="35%">Entity</Table.Th><Table.Th>Problems</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {items.map(item => (
                <Table.Tr key={item.entityRef}>
                  <Table.Td valign="top"><EntityCell item={item} /></Table.Td>
                  <Table.Td>
                    <Stack gap={6} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
                      {item.errors.map((e, i) => (
                        <li key={i}>
                          <Text size="sm" style={{ overflowWrap: 'anywhere' }}><Code>{e.name}</Code> {e.message}</Text>
                          {errorLocation(e) && <Text size="xs" c="dimmed" ff="monospace" style={{ overflowWrap: 'anywhere' }}>{errorLocation(e)}</Text>}
                        </li>
                      ))}
                    </Stack>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Group justify="space-between">
          <Text size="sm" c="dimmed" data-testid="errors-summary">{items.length ? `${offset + 1}–${offset + items.length}` : 'None'}{nextOffset ? '' : ` of ${offset + items.length}`} entities with problems</Text>
          <Group gap="xs">
            <Button variant="default" size="compact-sm" leftSection={<IconChevronLeft size={16} aria-hidden />} disabled={offset === 0} onClick={() => go(Math.max(0, offset - PAGE))}>Previous</Button>
            <Button variant="default" size="compact-sm" rightSection={<IconChevronRight size={16} aria-hidden />} disabled={!nextOffset} onClick={() => nextOffset && go(nextOffset)}>Next</Button>
          </Group>
        </Group>
      </Stack>
    );
  }

  return (
    <Page
      title="Catalog errors"
      subtitle="Descriptors the catalog could not read or validate. Each problem names the file, line and field; fix it in the repository and the entry disappears at the next refresh."
      actions={<Button component={Link} to="/catalog" variant="default">Back to the catalog</Button>}
    >
      <Card withBorder padding="md">{body}</Card>
    </Page>
  );
}

export default CatalogErrorsPage;
