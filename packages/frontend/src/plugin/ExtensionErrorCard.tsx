import { Alert, Button, Code, Collapse, Group, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';

interface ExtensionErrorCardProps {
  pluginId: string;
  what: string;
  error: Error;
  onRetry: () => void;
}

/** The readable card a crashed plugin leaves in its place. */
export function ExtensionErrorCard({ pluginId, what, error, onRetry }: ExtensionErrorCardProps) {
  const [showDetails, details] = useDisclosure(false);
  const isLoadError = /dynamically imported module|Importing a module script failed|Failed to fetch/i.test(error.message);
  return (
    <Alert
      role="alert" color="red" variant="light" icon={<IconAlertTriangle aria-hidden />}
      title={`Could not show ${what}`} data-plugin-id={pluginId}
    >
      <Stack gap="xs">
        <Text size="sm">
          The <Code>{pluginId}</Code> plugin {isLoadError ? 'could not be loaded' : 'ran into an error'}: {error.message || error.name}
        </Text>
        <Text size="sm" c="dimmed">
          {isLoadError
            ? 'Check your connection (or reload after a portal update) and try again.'
            : 'Try again; if it keeps failing, report it to the team that owns this plugin with the details below.'}
        </Text>
        <Group gap="xs">
          <Button size="xs" leftSection={<IconRefresh size={14} aria-hidden />} onClick={onRetry}>Retry</Button>
          {error.stack && (
            <Button size="xs" variant="subtle" onClick={details.toggle} aria-expanded={showDetails}>
              {showDetails ? 'Hide details' : 'Show details'}
            </Button>
          )}
        </Group>
        <Collapse expanded={showDetails}>
          <Code block fz="xs" style={{ maxHeight: 240, overflow: 'auto' }}>{error.stack}</Code>
        </Collapse>
      </Stack>
    </Alert>
  );
}
