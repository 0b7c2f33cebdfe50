import { Alert, Anchor, Button, Group, List, Text } from '@mantine/core';
import { entityRoute } from '@atrium/frontend';
import type { ImportPreviewResponse } from '@atrium/plugin-catalog/common';
import { stringifyEntityRef } from '@atrium/model';
import { IconCircleCheck } from '@tabler/icons-react';
import { Link } from 'react-router';
import { displayTitle } from '../entityFields';

/** After registering: links to the new entities (they appear within seconds, as the catalog processes them). */
export function ImportResult({ preview, onAnother }: { preview: ImportPreviewResponse; onAnother: () => void }) {
  return (
    <Alert color="teal" variant="light" icon={<IconCircleCheck aria-hidden />} title="Registered" role="status">
      <Text size="sm">The catalog is reading <Text span ff="monospace" style={{ overflowWrap: 'anywhere' }}>{preview.location.target}</Text>. Its entities appear in a few seconds:</Text>
      <List size="sm" mt="xs" spacing={2}>
        {preview.entities.map(({ entity }) => (
          <List.Item key={stringifyEntityRef(entity)}><Anchor component={Link} to={entityRoute(entity)}>{displayTitle(entity)}</Anchor></List.Item>
        ))}
      </List>
      <Group mt="sm" gap="sm">
        <Button variant="light" onClick={onAnother}>Register another</Button>
        <Button variant="subtle" component={Link} to="/catalog">Back to the catalog</Button>
      </Group>
    </Alert>
  );
}
