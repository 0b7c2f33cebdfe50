import { Center } from '@mantine/core';
import { useRouteError } from 'react-router';
import { ErrorState } from '../ui/ErrorState';

/** Last-resort error screen for failures outside any plugin boundary (the shell itself). */
export function RouteError() {
  const error = useRouteError();
  return (
    <Center mih="100vh" p="md">
      <div style={{ maxWidth: 560, width: '100%' }}>
        <ErrorState title="The portal ran into an error" error={error} hint="Reload the page. If it keeps happening, tell the portal team." onRetry={() => window.location.reload()} />
      </div>
    </Center>
  );
}
