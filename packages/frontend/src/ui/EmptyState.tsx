import { Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconInbox } from '@tabler/icons-react';
import type { ReactNode } from 'react';

export interface EmptyStateProps {
  title: string;
  /** Say what the user can do to fill this space. */
  description: ReactNode;
  /** A button or link that does it. */
  action?: ReactNode;
  icon?: ReactNode;
}

/** Shown where there is nothing yet; always tells the user what to do next. */
export function EmptyState({ title, description, action, icon }: EmptyStateProps) {
  return (
    <Stack align="center" gap="xs" py="xl" px="md" ta="center">
      <ThemeIcon size={48} radius="xl" variant="light" color="gray" aria-hidden>
        {icon ?? <IconInbox size={26} />}
      </ThemeIcon>
      <Title order={3} size="h4">{title}</Title>
      <Text c="dimmed" size="sm" maw={480}>{description}</Text>
      {action}
    </Stack>
  );
}
