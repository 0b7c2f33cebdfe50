import { Box, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useDocumentTitle } from '../app/useDocumentTitle';

export interface PageProps {
  title: ReactNode;
  /** Sets `document.title`; defaults to `title` when it is a string. */
  documentTitle?: string;
  subtitle?: ReactNode;
  /** Buttons on the right of the title. */
  actions?: ReactNode;
  /** Shown above the title, e.g. a kind badge or breadcrumbs. */
  eyebrow?: ReactNode;
  children?: ReactNode;
}

/** The standard page frame: title row with actions, then content with consistent spacing. */
export function Page({ title, documentTitle, subtitle, actions, eyebrow, children }: PageProps) {
  useDocumentTitle(documentTitle ?? (typeof title === 'string' ? title : undefined));
  return (
    <Stack gap="lg" maw={1280} mx="auto" w="100%">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="md">
        {/* The title keeps at least 280 px; on a phone the actions wrap under it instead of squeezing it. */}
        <Box miw={0} style={{ flex: '1 1 280px' }}>
          {eyebrow}
          <Title order={1} size="h2" style={{ overflowWrap: 'anywhere' }}>{title}</Title>
          {subtitle && <Text c="dimmed" mt={4} component="div">{subtitle}</Text>}
        </Box>
        {actions && <Group gap="xs">{actions}</Group>}
      </Group>
      {children}
    </Stack>
  );
}
