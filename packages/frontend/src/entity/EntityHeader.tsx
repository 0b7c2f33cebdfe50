import { Badge, Group, Text } from '@mantine/core';
import type { Entity } from '@atrium/model';
import { stringifyEntityRef } from '@atrium/model';
import type { ReactNode } from 'react';
import { EntityRefLink } from '../ui/EntityRefLink';
import { Page } from '../ui/Page';
import { EntityActions } from './EntityActions';

const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
const lifecycleColor = (l: string) => (l === 'production' ? 'teal' : l === 'deprecated' ? 'red' : 'yellow');

function Meta({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group gap={6} wrap="nowrap" align="center">
      <Text size="sm" c="dimmed">{label}</Text>
      {children}
    </Group>
  );
}

/** Title block of the entity page: kind, title, name, owner, lifecycle, tags, and the star and actions. */
export function EntityHeader({ entity, children }: { entity: Entity; children: ReactNode }) {
  const { metadata, spec } = entity;
  const owner = str(spec?.owner);
  const lifecycle = str(spec?.lifecycle);
  const type = str(spec?.type);
  const profile = spec?.profile && typeof spec.profile === 'object' ? (spec.profile as Record<string, unknown>) : {};
  // People and teams are known by their display name; they have no owner to show.
  const title = metadata.title ?? str(profile.displayName) ?? metadata.name;
  const orgKind = ['user', 'group'].includes(entity.kind.toLowerCase());
  return (
    <Page
      title={title}
      documentTitle={`${title} (${entity.kind})`}
      actions={<EntityActions entity={entity} />}
      eyebrow={
        <Group gap={8} mb={6} wrap="wrap">
          <Badge variant="light" radius="sm" data-testid="entity-kind">{entity.kind}{type ? ` · ${type}` : ''}</Badge>
          <Text size="sm" c="dimmed" ff="monospace" style={{ overflowWrap: 'anywhere' }}>{stringifyEntityRef(entity)}</Text>
        </Group>
      }
      subtitle={
        <Group component="span" gap="lg" mt={6} wrap="wrap" display="flex">
          {!orgKind && <Meta label="Owner">{owner ? <Text size="sm" component="span"><EntityRefLink entityRef={owner} defaultKind="group" /></Text> : <Text size="sm">none</Text>}</Meta>}
          {lifecycle && <Meta label="Lifecycle"><Badge size="sm" variant="outline" color={lifecycleColor(lifecycle)}>{lifecycle}</Badge></Meta>}
          {metadata.tags && metadata.tags.length > 0 && (
            <Meta label="Tags">
              <Group gap={4} wrap="wrap">
                {metadata.tags.map(tag => <Badge key={tag} size="sm" variant="default" radius="sm" tt="none">{tag}</Badge>)}
              </Group>
            </Meta>
          )}
        </Group>
      }
    >
      {children}
    </Page>
  );
}
