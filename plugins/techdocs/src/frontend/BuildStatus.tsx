import { Alert, Code, Loader, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { SiteStatus } from '@atrium/plugin-techdocs/common';

/** What the reader says while docs are being rebuilt, and when the latest build failed. */
export function BuildProgress({ log }: { log: string[] }) {
  return (
    <Alert color="blue" icon={<Loader size={16} />} title="Building the latest docs" data-testid="techdocs-building">
      <Text size="sm">The source changed since the last build. You can keep reading: the page updates when the build is done.</Text>
      {log.length > 0 && <Code block mt="xs" style={{ maxHeight: 120, overflow: 'auto' }}>{log.slice(-6).join('\n')}</Code>}
    </Alert>
  );
}

export function BuildFailure({ status, error }: { status?: SiteStatus; error?: string }) {
  const message = error ?? status?.lastFailure?.error;
  if (!message) return null;
  return (
    <Alert color="orange" icon={<IconAlertTriangle size={18} />} title={status?.current ? 'The latest build failed: showing the previous version' : 'These docs could not be built'} data-testid="techdocs-build-error">
      <Stack gap={4}>
        <Code block>{message}</Code>
        <Text size="sm">When a file is named above, fix it in the docs source and commit: the docs rebuild the next time they are opened. <Code>atrium docs build</Code> checks a build locally.</Text>
      </Stack>
    </Alert>
  );
}
