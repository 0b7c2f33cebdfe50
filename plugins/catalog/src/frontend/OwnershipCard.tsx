import { Anchor, Badge, Button, Card, Group, Skeleton, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { ErrorState, entityRoute, useApiQuery, createApiClient } from '@atrium/frontend';
import type { EntityComponentProps } from '@atrium/frontend';
import type { Entity } from '@atrium/model';
import { stringifyEntityRef } from '@atrium/model';
import { CATALOG_PLUGIN_ID, catalogRoutes, type QueryEntitiesResponse } from '@atrium/plugin-catalog/common';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { displayTitle, relationTargets, shortRef, stringField } from './entityFields';
import { kindIcon, kindLabel } from './kindIcons';

const client = createApiClient(CATALOG_PLUGIN_ID);
const LIMIT = 200;
const PER_KIND = 6;
const FIELDS = 'kind,metadata.name,metadata.namespace,metadata.title,metadata.description,spec.type,spec.owner';
// Software first, then the rest: what a team runs matters more than its sub-teams here.
const KIND_ORDER = ['component', 'api', 'resource', 'system', 'domain', 'template'];

/** Whose ownership counts: a group itself; a user and every group they are a member of. */
export function ownersOf(entity: Entity): string[] {
  const self = stringifyEntityRef(entity);
  return entity.kind.toLowerCase() === 'user' ? [self, ...relationTargets(entity, 'memberOf')] : [self];
}

function KindSection({ kind, items, owners, self }: { kind: string; items: Entity[]; owners: string[]; self: string }) {
  const [all, setAll] = useState(false);
  const Icon = kindIcon(kind);
  const shown = all ? items : items.slice(0, PER_KIND);
  const catalogLink = `/catalog?kind=${encodeURIComponent(kind)}${owners.map(o => `&owner=${encodeURIComponent(o)}`).join('')}`;
  return (
    <Stack gap={4} component="section" aria-label={`Owned ${kindLabel(kind, true)}`}>
      <Group gap={6}>
        <ThemeIcon variant="light" size={24} radius="sm"><Icon size={16} aria-hidden /></ThemeIcon>
        <Text fw={700} size="sm">{kindLabel(kind, true)}</Text>
        <Badge size="sm" variant="light" color="gray">{items.length}</Badge>
        <Anchor component={Link} to={catalogLink} size="xs" ml="auto">Open in the catalog</Anchor>
      </Group>
      <Stack component="ul" gap={2} m={0} pl={30} style={{ listStyle: 'none' }}>
        {shown.map(e => {
          const owner = stringField(e.spec?.owner);
          const via = owner && !self.endsWith(`/${shortRef(owner)}`) ? shortRef(owner) : undefined;
          return (
            <li key={stringifyEntityRef(e)}>
              <Group gap={6} wrap="wrap">
                <Anchor component={Link} to={entityRoute(e)} size="sm" fw={600}>{displayTitle(e)}</Anchor>
                {stringField(e.spec?.type) && <Text span size="xs" c="dimmed">{stringField(e.spec?.type)}</Text>}
                {via && <Badge size="xs" variant="outline" color="gray" tt="none">via {via}</Badge>}
              </Group>
            </li>
          );
        })}
      </Stack>
      {items.length > PER_KIND && (
        <Button variant="subtle" size="compact-xs" w="fit-content" ml={24} onClick={() => setAll(a => !a)} aria-expanded={all}>
          {all ? 'Show fewer' : `Show all ${items.length}`}
        </Button>
      )}
    </Stack>
  );
}

/** Everything a group owns, or a user owns directly and through their teams, grouped by kind. */
export function OwnershipCard({ entity }: EntityComponentProps) {
  const owners = useMemo(() => ownersOf(entity), [entity]);
  const self = stringifyEntityRef(entity);
  const owned = useApiQuery([CATALOG_PLUGIN_ID, 'owned-by', owners], signal => client.get<QueryEntitiesResponse>(catalogRoutes.entitiesByQuery, {
    query: { filter: owners.map(o => `relations.ownedby=${o}`).join(','), fields: FIELDS, limit: LIMIT, orderField: 'metadata.name,asc' }, signal,
  }));
  const byKind = useMemo(() => {
    const groups = new Map<string, Entity[]>();
    for (const e of owned.data?.items ?? []) {
      const k = e.kind.toLowerCase();
      groups.set(k, [...(groups.get(k) ?? []), e]);
    }
    const rank = (k: string) => (KIND_ORDER.includes(k) ? KIND_ORDER.indexOf(k) : KIND_ORDER.length);
    return [...groups].sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
  }, [owned.data]);
  const isUser = entity.kind.toLowerCase() === 'user';

  let body;
  if (owned.isError) body = <ErrorState title="Could not load what this owns" error={owned.error} onRetry={() => void owned.refetch()} />;
  else if (!owned.data) body = <Stack gap="xs" role="status" aria-label="Loading owned entities">{[1, 2, 3].map(i => <Skeleton key={i} height={22} />)}</Stack>;
  else if (owned.data.items.length === 0) {
    body = <Text size="sm" c="dimmed">{isUser ? 'Neither this person nor their teams own anything yet.' : 'This group owns nothing yet. Set spec.owner on an entity to this group.'}</Text>;
  } else {
    body = (
      <Stack gap="md">
        {byKind.map(([kind, items]) => <KindSection key={kind} kind={kind} items={items} owners={owners} self={self} />)}
        {owned.data.totalItems > owned.data.items.length && (
          <Text size="xs" c="dimmed">Showing the first {owned.data.items.length} of {owned.data.totalItems}; open the catalog for the rest.</Text>
        )}
      </Stack>
    );
  }
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="ownership-title" data-testid="ownership-card">
      <Group gap="xs" mb="sm">
        <Title order={2} size="h4" id="ownership-title">{isUser ? 'Owned by them and their teams' : 'Owned by this group'}</Title>
        {owned.data && <Badge variant="light" size="sm">{owned.data.totalItems}</Badge>}
      </Group>
      {body}
    </Card>
  );
}

export default OwnershipCard;
