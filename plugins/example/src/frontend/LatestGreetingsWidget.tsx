import { Anchor, Stack, Text } from '@mantine/core';
import { EmptyState, EntityRefLink, ErrorState, LoadingState } from '@atrium/frontend';
import { Link } from 'react-router';
import { useGreetings } from './api';

/** Home widget: the three newest greetings and a link to post one. */
export function LatestGreetingsWidget() {
  const greetings = useGreetings();
  if (greetings.isPending) return <LoadingState lines={3} label="Loading greetings" />;
  if (greetings.isError) return <ErrorState title="Could not load greetings" error={greetings.error} onRetry={() => void greetings.refetch()} />;
  const latest = [...greetings.data].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt)).slice(0, 3);
  if (latest.length === 0) {
    return <EmptyState title="No greetings yet" description="Post the first one on the Example page." action={<Anchor component={Link} to="/example">Open the Example page</Anchor>} />;
  }
  return (
    <Stack gap="sm">
      {latest.map(g => (
        <div key={g.id}>
          <Text size="sm" lineClamp={2}>{g.message}</Text>
          <Text size="xs" c="dimmed">
            <EntityRefLink entityRef={g.author} defaultKind="user" />{g.entityRef && <> on <EntityRefLink entityRef={g.entityRef} /></>}
          </Text>
        </div>
      ))}
      <Anchor component={Link} to="/example" size="sm">All greetings</Anchor>
    </Stack>
  );
}

export default LatestGreetingsWidget;
