import { Anchor, Card, Grid, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { Entity } from '@atrium/model';
import { ExtensionRenderer } from '../plugin/ExtensionRenderer';
import { useExtensions } from '../app/AppContext';
import { EntityRefLink } from '../ui/EntityRefLink';
import { selectForEntity } from './entityExtensions';

function AboutCard({ entity }: { entity: Entity }) {
  const { metadata, spec } = entity;
  const fields: Array<[string, React.ReactNode]> = [
    ['Description', metadata.description ?? <Text span c="dimmed">No description. Add `metadata.description` to the descriptor.</Text>],
    ['Owner', typeof spec?.owner === 'string' ? <EntityRefLink entityRef={spec.owner} defaultKind="group" /> : '—'],
    ['System', typeof spec?.system === 'string' ? <EntityRefLink entityRef={spec.system} defaultKind="system" /> : '—'],
    ['Type', typeof spec?.type === 'string' ? spec.type : '—'],
    ['Lifecycle', typeof spec?.lifecycle === 'string' ? spec.lifecycle : '—'],
    ['Tags', metadata.tags?.length ? metadata.tags.join(', ') : '—'],
  ];
  return (
    <Card withBorder padding="lg">
      <Title order={2} size="h4" mb="md">About</Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="md" component="dl" m={0}>
        {fields.map(([label, value]) => (
          <div key={label} style={label === 'Description' ? { gridColumn: '1 / -1' } : undefined}>
            <Text component="dt" size="xs" tt="uppercase" fw={700} c="dimmed">{label}</Text>
            <Text component="dd" m={0} size="sm">{value}</Text>
          </div>
        ))}
      </SimpleGrid>
      {metadata.links && metadata.links.length > 0 && (
        <Stack gap={4} mt="md">
          <Text size="xs" tt="uppercase" fw={700} c="dimmed">Links</Text>
          {metadata.links.map(link => <Anchor key={link.url} href={link.url} size="sm" target="_blank" rel="noreferrer">{link.title ?? link.url}</Anchor>)}
        </Stack>
      )}
    </Card>
  );
}

/** The Overview tab: an About card, then plugins' overview cards, with summary cards beside them. */
export function EntityOverview({ entity }: { entity: Entity }) {
  const cards = selectForEntity(useExtensions().entityCards, entity);
  const overview = cards.filter(c => c.area === 'overview');
  const summary = cards.filter(c => c.area === 'summary');
  const render = (c: (typeof cards)[number]) => (
    <ExtensionRenderer key={c.extensionId} extension={c} what={`the "${c.id}" card`} props={{ entity }} />
  );
  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: summary.length ? 8 : 12 }}>
        <Stack gap="lg"><AboutCard entity={entity} />{overview.map(render)}</Stack>
      </Grid.Col>
      {summary.length > 0 && <Grid.Col span={{ base: 12, md: 4 }}><Stack gap="lg">{summary.map(render)}</Stack></Grid.Col>}
    </Grid>
  );
}
