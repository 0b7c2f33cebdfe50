import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { EntityRefLink, type SearchResultProps } from '@atrium/frontend';
import { Link } from 'react-router';
import { HighlightedText } from '../HighlightedText';
import { str, typedResult } from './resultProps';

/** A `software-catalog` result: the entity's title, kind and type, owner, lifecycle and matching description. */
export default function CatalogResult(props: SearchResultProps) {
  const { document: doc, highlight } = typedResult(props);
  const kind = str(doc.kind) ?? 'Entity';
  const isTemplate = kind.toLowerCase() === 'template';
  const owner = str(doc.owner);
  const lifecycle = str(doc.lifecycle);
  const tags = Array.isArray(doc.tags) ? doc.tags.filter((t): t is string => typeof t === 'string') : [];
  return (
    <Stack gap={4}>
      <Group gap="xs" wrap="wrap">
        <Anchor component={Link} to={isTemplate ? (str(doc.templateLocation) ?? doc.location) : doc.location} fw={600} data-search-link>
          <HighlightedText text={doc.title} highlight={highlight} field="title" />
        </Anchor>
        <Badge variant="light" size="sm">{kind}</Badge>
        {str(doc.type) && str(doc.type) !== 'other' && <Badge variant="outline" size="sm" color="gray">{str(doc.type)}</Badge>}
        {lifecycle && <Badge variant="dot" size="sm" color={lifecycle === 'production' ? 'green' : lifecycle === 'deprecated' ? 'red' : 'yellow'}>{lifecycle}</Badge>}
      </Group>
      {doc.text && (
        <Text size="sm" c="dimmed" lineClamp={2}>
          <HighlightedText text={doc.text} highlight={highlight} field="text" />
        </Text>
      )}
      <Group gap="md" wrap="wrap">
        {owner && <Text size="xs" c="dimmed">Owner <EntityRefLink entityRef={owner} defaultKind="group" /></Text>}
        {isTemplate && <Anchor component={Link} to={doc.location} size="xs">Template entity</Anchor>}
        {tags.slice(0, 6).map((t) => <Badge key={t} size="xs" variant="default" radius="sm">{t}</Badge>)}
      </Group>
    </Stack>
  );
}
