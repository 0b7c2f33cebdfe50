import { Anchor, Badge, Breadcrumbs, Group, Stack, Text } from '@mantine/core';
import { EntityRefLink } from '@atrium/frontend';
import { Link } from 'react-router';
import { HighlightedText } from '../HighlightedText';
import { str, type TypedResult } from './resultProps';

const TYPE_LABELS: Record<string, string> = { techdocs: 'Docs', 'software-catalog': 'Catalog' };

/**
 * Any result no plugin renders itself. Docs pages (type `techdocs`) show their site and heading path;
 * TechDocs replaces this with its own renderer when it registers one.
 */
export function GenericResult({ result }: { result: TypedResult }) {
  const { document: doc, highlight, type } = result;
  const site = str(doc.entityTitle);
  const path = str(doc.path);
  const crumbs = path ? path.split(' › ') : [];
  const external = /^https?:\/\//.test(doc.location);
  return (
    <Stack gap={4}>
      <Group gap="xs" wrap="wrap">
        {external ? (
          <Anchor href={doc.location} fw={600} data-search-link><HighlightedText text={doc.title} highlight={highlight} field="title" /></Anchor>
        ) : (
          <Anchor component={Link} to={doc.location} fw={600} data-search-link><HighlightedText text={doc.title} highlight={highlight} field="title" /></Anchor>
        )}
        <Badge variant="light" size="sm" color="grape">{TYPE_LABELS[type] ?? type}</Badge>
      </Group>
      {(site || crumbs.length > 1) && (
        <Breadcrumbs separator="›" separatorMargin={4} fz="xs" c="dimmed">
          {site && str(doc.entityRef) ? <EntityRefLink entityRef={str(doc.entityRef)!} title={site} /> : site && <span>{site}</span>}
          {crumbs.map((c, i) => <span key={i}>{c}</span>)}
        </Breadcrumbs>
      )}
      {doc.text && (
        <Text size="sm" c="dimmed" lineClamp={3}>
          <HighlightedText text={doc.text} highlight={highlight} field="text" />
        </Text>
      )}
    </Stack>
  );
}
