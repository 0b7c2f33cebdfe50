import { Alert, Badge, Card, Code, Group, Stack, Text, Title } from '@mantine/core';
import type { EntityComponentProps } from '@atrium/frontend';
import type { EntityStatusItem } from '@atrium/model';
import { IconAlertTriangle, IconCircleX, IconInfoCircle } from '@tabler/icons-react';
import { useId } from 'react';

const levels = {
  error: { color: 'red', label: 'Error', Icon: IconCircleX },
  warning: { color: 'yellow', label: 'Warning', Icon: IconAlertTriangle },
  info: { color: 'blue', label: 'Info', Icon: IconInfoCircle },
} as const;

const rank = { error: 0, warning: 1, info: 2 } as const;

/** Where in the descriptor a processing error points, when the catalog recorded it. */
function location(item: EntityStatusItem): string | undefined {
  const e = item.error;
  if (!e) return undefined;
  const text = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);
  const file = text(e.url);
  const line = text(e.line);
  const field = text(e.field);
  const at = [file && (line ? `${file}:${line}` : file), field && `field ${field}`].filter(Boolean).join(', ');
  return at || undefined;
}

/** Processing errors and warnings the catalog recorded for the entity, worst first; only shown when there are some. */
export function EntityStatusCard({ entity }: EntityComponentProps) {
  const headingId = useId();
  const items = [...(entity.status?.items ?? [])].sort((a, b) => (rank[a.level] ?? 3) - (rank[b.level] ?? 3));
  const errors = items.filter(i => i.level === 'error').length;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={headingId} data-testid="entity-status-card">
      <Group gap="xs" mb="sm">
        <Title order={2} size="h4" id={headingId}>{errors ? 'Processing errors' : 'Processing warnings'}</Title>
        <Badge color={errors ? 'red' : 'yellow'} variant="light" size="sm">{items.length}</Badge>
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        The catalog could not fully process this entity’s descriptor. Until it is fixed, what you see may be out of date.
      </Text>
      <Stack gap="xs">
        {items.map((item, i) => {
          const level = levels[item.level] ?? levels.info;
          const at = location(item);
          return (
            <Alert
              key={i} color={level.color} variant="light" icon={<level.Icon size={18} aria-hidden />}
              title={<Group gap={6}><Badge size="xs" color={level.color}>{level.label}</Badge>{item.error?.name && <Code>{item.error.name}</Code>}</Group>}
            >
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>{item.error?.message ?? item.message}</Text>
              {at && <Text size="xs" c="dimmed" ff="monospace" mt={4} style={{ overflowWrap: 'anywhere' }}>{at}</Text>}
            </Alert>
          );
        })}
      </Stack>
    </Card>
  );
}

export default EntityStatusCard;
