import { Alert, Button, Group, Text } from '@mantine/core';
import { IconAlertCircle, IconRefresh } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { ApiError } from '../api/ApiError';

export interface ErrorStateProps {
  /** What failed, from the user's point of view: "Could not load greetings". */
  title: string;
  error?: unknown;
  /** Shows a Retry button. */
  onRetry?: () => void;
  /** Overrides the advice derived from the error. */
  hint?: ReactNode;
}

function adviceFor(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 401) return 'Your session may have ended. Reload the page to sign in again.';
    if (error.status === 403) return 'You do not have permission for this. Ask the owner for access.';
    if (error.status === 404) return 'It may have been moved or deleted. Check the address.';
    if (error.status >= 500) return 'The server had a problem. Try again in a moment; if it persists, tell the portal team.';
    return 'Check your input and try again.';
  }
  if (error instanceof TypeError) return 'The portal could not reach the server. Check your connection and try again.';
  return 'Try again; if it keeps failing, tell the portal team.';
}

/** Explains what failed and what to do about it, with an optional retry. */
export function ErrorState({ title, error, onRetry, hint }: ErrorStateProps) {
  const message = error instanceof Error ? error.message : error === undefined ? undefined : String(error);
  return (
    <Alert role="alert" color="red" variant="light" title={title} icon={<IconAlertCircle aria-hidden />}>
      {message && <Text size="sm">{message}</Text>}
      <Text size="sm" c="dimmed" mt={4}>{hint ?? adviceFor(error)}</Text>
      {onRetry && (
        <Group mt="sm">
          <Button size="xs" variant="light" color="red" leftSection={<IconRefresh size={14} aria-hidden />} onClick={onRetry}>
            Retry
          </Button>
        </Group>
      )}
    </Alert>
  );
}
