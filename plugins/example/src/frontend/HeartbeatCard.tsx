import { Badge, Card, Group, Skeleton, Text, Title } from '@mantine/core';
import { IconHeartbeat } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { ErrorState } from '@atrium/frontend';
import { useHeartbeat } from './api';

function ago(iso: string | null, now: number): string {
  if (!iso) return 'not yet';
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  return seconds < 60 ? `${seconds} s ago` : `${Math.round(seconds / 60)} min ago`;
}

/** Shows that the backend's scheduled task runs: how often, how many times, and when it last did. */
export function HeartbeatCard() {
  const heartbeat = useHeartbeat();
  const data = heartbeat.data;
  // Unchanged poll results do not re-render, so a clock keeps "last run … ago" current.
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  const stale = data?.lastRunAt ? now - Date.parse(data.lastRunAt) > data.frequencySeconds * 3_000 : false;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="heartbeat-title">
      <Group justify="space-between" mb="sm">
        <Group gap="xs">
          <IconHeartbeat size={20} aria-hidden color="var(--mantine-color-red-6)" />
          <Title order={2} size="h4" id="heartbeat-title">Scheduled heartbeat</Title>
        </Group>
        {data && <Badge color={stale ? 'yellow' : 'teal'} variant="light">{stale ? 'Late' : 'Running'}</Badge>}
      </Group>
      {heartbeat.isError ? (
        <ErrorState title="Could not read the heartbeat" error={heartbeat.error} onRetry={() => void heartbeat.refetch()} />
      ) : !data ? (
        <Skeleton height={48} />
      ) : (
        <Group gap="xl" aria-live="polite">
          <div>
            <Text size="xs" c="dimmed" tt="uppercase" fw={700}>Runs</Text>
            <Text size="xl" fw={700} data-testid="heartbeat-runs">{data.runs}</Text>
          </div>
          <div>
            <Text size="xs" c="dimmed" tt="uppercase" fw={700}>Last run</Text>
            <Text size="xl" fw={700} title={data.lastRunAt ?? undefined}>{ago(data.lastRunAt, now)}</Text>
          </div>
          <div>
            <Text size="xs" c="dimmed" tt="uppercase" fw={700}>Every</Text>
            <Text size="xl" fw={700}>{data.frequencySeconds} s</Text>
          </div>
        </Group>
      )}
      <Text size="sm" c="dimmed" mt="sm">
        A task on the backend's scheduler records a beat; this card polls it every 5 seconds.
      </Text>
    </Card>
  );
}
