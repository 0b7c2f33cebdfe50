import { Anchor, Group, Stack, Text } from '@mantine/core';
import { IconBook } from '@tabler/icons-react';
import type { SearchResultProps } from '@atrium/frontend';
import { Link } from 'react-router';

/** A docs section found by the portal's search: the site (entity title), the heading path and a snippet. */
export function TechDocsSearchResult({ result }: SearchResultProps) {
  const d = result.document as { title?: string; text?: string; location?: string; entityTitle?: string; name?: string; path?: string };
  return (
    <Stack gap={2}>
      <Group gap={6} wrap="nowrap">
        <IconBook size={16} aria-hidden />
        <Anchor component={Link} to={d.location ?? '/docs'} fw={600}>{d.title || d.path || 'Untitled section'}</Anchor>
      </Group>
      <Text size="xs" c="dimmed">{[d.entityTitle ?? d.name, d.path].filter(Boolean).join(' › ')}</Text>
      {d.text && <Text size="sm" lineClamp={2}>{d.text}</Text>}
    </Stack>
  );
}

export default TechDocsSearchResult;
