import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconExternalLink } from '@tabler/icons-react';
import type { Entity } from '@atrium/model';
import { useQuery } from '@tanstack/react-query';
import { stringifyEntityRef } from '@atrium/model';
import { useContext, useEffect, useState } from 'react';
import { useAppContext } from '../app/AppContext';
import type { ReactNode } from 'react';
import { EntityRefLink } from '../ui/EntityRefLink';
import { EntityLoadedAtContext } from './EntityContext';
import { entitySourceLinks } from './entityLinks';

const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
const none = <Text span c="dimmed" size="sm">—</Text>;

/** "3 minutes ago", refreshed every 30 s so an open page does not lie. */
function useRelativeTime(ms: number): string {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(t);
  }, []);
  if (!ms) return 'unknown';
  const s = Math.max(0, Math.round((now - ms) / 1000));
  if (s < 45) return 'just now';
  const m = Math.round(s / 60);
  if (m < 60) return `${m} minute${m === 1 ? '' : 's'} ago`;
  const h = Math.round(m / 60);
  return h < 24 ? `${h} hour${h === 1 ? '' : 's'} ago` : new Date(ms).toLocaleString();
}

/** `url:https://…` shown as a link, anything else as text. */
function LocationValue({ location }: { location: string | undefined }) {
  if (!location) return none;
  const url = /^url:(https?:\/\/.+)$/.exec(location)?.[1];
  const label = <Text span size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }}>{url ?? location}</Text>;
  return url ? <Anchor href={url} target="_blank" rel="noreferrer">{label}</Anchor> : label;
}

/** When the catalog last read the entity's source, asked again whenever the page receives the entity. */
function useRefreshState(entity: Entity, loadedAt: number) {
  const { entitySource } = useAppContext();
  const ref = stringifyEntityRef(entity);
  return useQuery({
    queryKey: ['entity-refresh-state', ref, loadedAt],
    queryFn: async () => (await entitySource?.getRefreshState?.(ref)) ?? null,
    enabled: Boolean(entitySource?.getRefreshState),
    staleTime: 30_000,
  }).data;
}

/** The overview's first card: what the entity is, who owns it, where it lives and how fresh the page is. */
export function AboutCard({ entity }: { entity: Entity }) {
  const { metadata, spec } = entity;
  const loadedAt = useContext(EntityLoadedAtContext);
  const loaded = useRelativeTime(loadedAt);
  const refreshState = useRefreshState(entity, loadedAt);
  const readAt = useRelativeTime(refreshState?.processedAt ? Date.parse(refreshState.processedAt) : 0);
  const { sourceLocation, managedByLocation } = entitySourceLinks(entity);
  const ref = (v: unknown, kind: string) => { const r = str(v); return r ? <EntityRefLink entityRef={r} defaultKind={kind} /> : none; };
  const fields: Array<[string, ReactNode, boolean?]> = [
    ['Owner', ref(spec?.owner, 'group')],
    ['System', ref(spec?.system, 'system'), !spec?.system && entity.kind.toLowerCase() === 'domain'],
    ['Domain', ref(spec?.domain, 'domain'), entity.kind.toLowerCase() !== 'system'],
    ['Type', str(spec?.type) ?? none],
    ['Lifecycle', str(spec?.lifecycle) ?? none, !spec?.lifecycle && !['component', 'api'].includes(entity.kind.toLowerCase())],
    ['Tags', metadata.tags?.length
      ? <Group gap={4}>{metadata.tags.map(t => <Badge key={t} size="sm" variant="default" radius="sm" tt="none">{t}</Badge>)}</Group>
      : none],
    ['Source', <LocationValue location={sourceLocation} />, !sourceLocation],
    ['Descriptor', <LocationValue location={managedByLocation} />, !managedByLocation],
    ['Read from source', refreshState?.processedAt
      ? <Tooltip label={`Read again at ${new Date(refreshState.nextRefreshAt).toLocaleString()}, or now with Refresh`}><Text span size="sm" data-testid="entity-processed-at">{readAt}</Text></Tooltip>
      : none, !refreshState],
  ];
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="about-card-title" data-testid="about-card">
      <Group justify="space-between" mb="md" gap="xs">
        <Title order={2} size="h4" id="about-card-title">About</Title>
        <Tooltip label="The page updates by itself when the catalog changes this entity">
          <Text size="xs" c="dimmed" data-testid="entity-loaded-at">Up to date as of {loaded}</Text>
        </Tooltip>
      </Group>
      <Text size="sm" mb="md" data-testid="entity-description">
        {metadata.description ?? <Text span c="dimmed" size="sm">No description. Add <code>metadata.description</code> to the descriptor.</Text>}
      </Text>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="md" verticalSpacing="md" component="dl" m={0}>
        {fields.filter(([, , hidden]) => !hidden).map(([label, value]) => (
          <div key={label} style={label === 'Source' || label === 'Descriptor' ? { gridColumn: '1 / -1' } : undefined}>
            <Text component="dt" size="xs" tt="uppercase" fw={700} c="dimmed">{label}</Text>
            <Text component="dd" m={0} size="sm">{value}</Text>
          </div>
        ))}
      </SimpleGrid>
      {metadata.links && metadata.links.length > 0 && (
        <Stack gap={4} mt="md">
          <Text size="xs" tt="uppercase" fw={700} c="dimmed">Links</Text>
          <Group gap="md">
            {metadata.links.map(link => (
              <Anchor key={link.url} href={link.url} size="sm" target="_blank" rel="noreferrer">
                <Group gap={4} wrap="nowrap" component="span"><IconExternalLink size={14} aria-hidden />{link.title ?? link.url}</Group>
              </Anchor>
            ))}
          </Group>
        </Stack>
      )}
    </Card>
  );
}
