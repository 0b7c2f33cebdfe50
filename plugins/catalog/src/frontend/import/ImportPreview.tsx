import { Alert, Badge, Button, Card, Code, Group, Stack, Table, Text, Title } from '@mantine/core';
import { ErrorState, LoadingState, entityRoute, type ApiError } from '@atrium/frontend';
import type { ImportPreviewResponse } from '@atrium/plugin-catalog/common';
import { stringifyEntityRef } from '@atrium/model';
import type { UseQueryResult } from '@tanstack/react-query';
import { IconAlertTriangle } from '@tabler/icons-react';
import { Link } from 'react-router';
import { displayTitle, stringField } from '../entityFields';
import { kindLabel } from '../kindIcons';

export interface ImportPreviewProps {
  preview: UseQueryResult<ImportPreviewResponse, ApiError>;
  onRegister: (target: string) => void;
  registering: boolean;
  registerError: ApiError | null;
}

/** The analysis of a URL: the entities it holds (new or already in the catalog), its problems, and the register button. */
export function ImportPreview({ preview, onRegister, registering, registerError }: ImportPreviewProps) {
  if (preview.isPending) return <LoadingState lines={4} label="Reading the location" />;
  if (preview.isError) return <ErrorState title="Could not analyze this URL" error={preview.error} onRetry={() => void preview.refetch()} />;
  const { location, entities, errors, existingLocation } = preview.data;
  const fresh = entities.filter(e => !e.isRegistered).length;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="import-preview-title">
      <Stack gap="md">
        <div>
          <Title order={2} size="h4" id="import-preview-title">What would be imported</Title>
          <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>From <Code>{location.target}</Code></Text>
        </div>
        {errors.length > 0 && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} title={`${errors.length} problem${errors.length === 1 ? '' : 's'} in this location`} data-testid="import-errors">
            <Stack gap={4}>
              {errors.map(e => <Text key={e} size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }}>{e}</Text>)}
            </Stack>
            <Text size="sm" mt="xs">Fix these in the repository. {entities.length ? 'The entities below are fine and can be registered now; the rest follow once fixed.' : 'Nothing can be imported until then.'}</Text>
          </Alert>
        )}
        {entities.length > 0 ? (
          <Table.ScrollContainer minWidth={480}>
            <Table aria-label="Entities found" verticalSpacing="xs">
              <Table.Thead><Table.Tr><Table.Th>Entity</Table.Th><Table.Th>Kind</Table.Th><Table.Th>Owner</Table.Th><Table.Th>Status</Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>
                {entities.map(({ entity, isRegistered }) => (
                  <Table.Tr key={stringifyEntityRef(entity)}>
                    <Table.Td>
                      {isRegistered ? <Link to={entityRoute(entity)}>{displayTitle(entity)}</Link> : <Text size="sm" fw={600}>{displayTitle(entity)}</Text>}
                      <Text size="xs" c="dimmed" ff="monospace">{stringifyEntityRef(entity)}</Text>
                    </Table.Td>
                    <Table.Td>{kindLabel(entity.kind)}{stringField(entity.spec?.type) ? ` · ${stringField(entity.spec?.type)}` : ''}</Table.Td>
                    <Table.Td>{stringField(entity.spec?.owner) ?? '—'}</Table.Td>
                    <Table.Td>{isRegistered ? <Badge color="gray" variant="light">already in the catalog</Badge> : <Badge color="teal" variant="light">new</Badge>}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : errors.length === 0 && (
          <Text size="sm">No entities found at this URL. Check that it points at a catalog-info.yaml, or add one to the repository.</Text>
        )}
        {registerError && <ErrorState title="Could not register the location" error={registerError} />}
        {existingLocation ? (
          <Text size="sm">This location is registered already; the catalog reads it on its schedule. Use <Text span inherit fw={600}>Refresh</Text> on an entity page to read it now.</Text>
        ) : (
          (entities.length > 0 || errors.length === 0) && (
            <Group>
              <Button onClick={() => onRegister(location.target)} loading={registering} disabled={entities.length === 0}>
                {fresh === 0 && entities.length > 0 ? 'Register location' : `Register ${fresh} entit${fresh === 1 ? 'y' : 'ies'}`}
              </Button>
              {errors.length > 0 && <Text size="xs" c="dimmed">Problems stay visible on the catalog errors page until fixed.</Text>}
            </Group>
          )
        )}
      </Stack>
    </Card>
  );
}
