import { Anchor, Avatar, Badge, Button, Card, Group, Skeleton, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { ErrorState, entityRoute } from '@atrium/frontend';
import type { EntityComponentProps } from '@atrium/frontend';
import type { Entity } from '@atrium/model';
import { parseEntityRef } from '@atrium/model';
import { useId, useMemo, useState } from 'react';
import type { ComponentType } from 'react';
import { Link } from 'react-router';
import { useRelatedEntities } from './api';
import { displayTitle, profileOf, relationTargets, shortRef, stringField } from './entityFields';
import { kindIcon, kindLabel } from './kindIcons';
import type { RelationCardDefinition } from './relationCards';
import { pictureOf } from './profilePicture';

/** Rows shown before "Show all": long member or ownership lists would push every other card away. */
const COLLAPSED_ROWS = 8;

function RelatedRow({ entityRef, entity, mixedKinds }: { entityRef: string; entity: Entity | null; mixedKinds: boolean }) {
  const kind = entity?.kind ?? parseEntityRef(entityRef).kind;
  const Icon = kindIcon(kind);
  const type = entity && stringField(entity.spec?.type);
  const description = entity && (entity.metadata.description ?? profileOf(entity).email);
  const badge = [mixedKinds ? kindLabel(kind) : undefined, type].filter(Boolean).join(' · ');
  return (
    <Group component="li" gap="sm" wrap="nowrap" align="flex-start" py={6}>
      {entity && kind.toLowerCase() === 'user' ? (
        // People are recognised by face first: show their picture (or initials) instead of the kind icon.
        <Avatar src={pictureOf(entity)} alt="" size={30} radius="xl" color="indigo" name={displayTitle(entity)} />
      ) : (
        <ThemeIcon variant="light" size={30} radius="md" color={entity ? undefined : 'gray'} title={kindLabel(kind)}>
          <Icon size={18} aria-hidden />
        </ThemeIcon>
      )}
      <Stack gap={0} miw={0} style={{ flex: 1 }}>
        <Group gap={8} wrap="wrap">
          {entity ? (
            <Anchor component={Link} to={entityRoute(entity)} fw={600} size="sm">{displayTitle(entity)}</Anchor>
          ) : (
            <Text size="sm" fw={600} ff="monospace">{shortRef(entityRef)}</Text>
          )}
          {badge && <Badge size="xs" variant="light" color="gray" radius="sm" tt="none">{badge}</Badge>}
        </Group>
        {entity ? (
          description && <Text size="xs" c="dimmed" lineClamp={2}>{description}</Text>
        ) : (
          <Text size="xs" c="orange.8">Not in the catalog: the descriptor names an entity that does not exist.</Text>
        )}
      </Stack>
    </Group>
  );
}

/** Lists the entities an entity is related to by one relation type, fetched in one request. */
export function RelatedEntitiesCard({ entity, definition }: EntityComponentProps & { definition: RelationCardDefinition }) {
  const headingId = useId();
  const refs = useMemo(() => relationTargets(entity, definition.relation, definition.targetKind), [entity, definition]);
  const related = useRelatedEntities(entity);
  const [expanded, setExpanded] = useState(false);
  const mixedKinds = new Set(refs.map(r => r.split(':')[0])).size > 1;
  const shown = expanded ? refs : refs.slice(0, COLLAPSED_ROWS);

  let body;
  if (refs.length === 0) body = <Text size="sm" c="dimmed">{definition.empty}</Text>;
  else if (related.isError) {
    body = <ErrorState title={`Could not load ${definition.title.toLowerCase()}`} error={related.error} onRetry={() => void related.refetch()} />;
  } else if (!related.byRef) {
    body = (
      <Stack gap="sm" aria-busy aria-label={`Loading ${definition.title.toLowerCase()}`} role="status">
        {refs.slice(0, 3).map(r => <Skeleton key={r} height={30} radius="sm" />)}
      </Stack>
    );
  } else {
    body = (
      <>
        <Stack component="ul" gap={0} m={0} p={0} style={{ listStyle: 'none' }}>
          {shown.map(ref => <RelatedRow key={ref} entityRef={ref} entity={related.byRef!.get(ref.toLocaleLowerCase('en-US')) ?? null} mixedKinds={mixedKinds} />)}
        </Stack>
        {refs.length > COLLAPSED_ROWS && (
          <Button variant="subtle" size="xs" mt="xs" onClick={() => setExpanded(e => !e)} aria-expanded={expanded}>
            {expanded ? 'Show fewer' : `Show all ${refs.length}`}
          </Button>
        )}
      </>
    );
  }

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={headingId} data-testid={`relation-card-${definition.id}`}>
      <Group gap="xs" mb="sm">
        <Title order={2} size="h4" id={headingId}>{definition.title}</Title>
        {refs.length > 0 && <Badge variant="light" size="sm" circle={refs.length < 10}>{refs.length}</Badge>}
      </Group>
      {body}
    </Card>
  );
}

const cardComponents = new Map<string, ComponentType<EntityComponentProps>>();

/** The card component for a definition; one per definition so React keeps its identity across renders. */
export function relationCardComponent(definition: RelationCardDefinition): ComponentType<EntityComponentProps> {
  let component = cardComponents.get(definition.id);
  if (!component) {
    const RelationCard = ({ entity }: EntityComponentProps) => <RelatedEntitiesCard entity={entity} definition={definition} />;
    RelationCard.displayName = `RelationCard(${definition.id})`;
    component = RelationCard;
    cardComponents.set(definition.id, component);
  }
  return component;
}
