import { Grid, Stack } from '@mantine/core';
import type { Entity } from '@atrium/model';
import { ExtensionRenderer } from '../plugin/ExtensionRenderer';
import { useExtensions } from '../app/AppContext';
import { AboutCard } from './AboutCard';
import { selectForEntity } from './entityExtensions';

// People and teams get the catalog's profile card instead: owner, system and lifecycle mean nothing for them.
const ORG_KINDS = new Set(['user', 'group']);

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
        <Stack gap="lg">{!ORG_KINDS.has(entity.kind.toLowerCase()) && <AboutCard entity={entity} />}{overview.map(render)}</Stack>
      </Grid.Col>
      {summary.length > 0 && <Grid.Col span={{ base: 12, md: 4 }}><Stack gap="lg">{summary.map(render)}</Stack></Grid.Col>}
    </Grid>
  );
}
