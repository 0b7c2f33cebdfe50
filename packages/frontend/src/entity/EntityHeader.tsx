import { Badge, Group, Text } from '@mantine/core';
import type { Entity } from '@atrium/model';
import { stringifyEntityRef } from '@atrium/model';
import { EntityRefLink } from '../ui/EntityRefLink';
import { Page } from '../ui/Page';
import type { ReactNode } from 'react';

const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

/** Title block of the entity page: kind, title, name, owner, lifecycle and tags. */
export function EntityHeader({ entity, children }: { entity: Entity; children: ReactNode }) {
  const { metadata, spec } = entity;
  const owner = str(spec?.owner);
  const lifecycle = str(spec?.lifecycle);
  const type = str(spec?.type);
  const title = metadata.title ?? metadata.name;
  return (
    <Page
      title={title}
      documentTitle={`${title} (${entity.kind})`}
      eyebrow={
        <Group gap={6} mb={6}>
          <Badge variant="light" radius="sm" data-testid="entity-kind">{entity.kind}{type ? ` · ${type}` : ''}</Badge>
          <Text size="sm" c="dimmed" ff="monospace">{stringifyEntityRef(entity)}</Text>
        </Group>
      }
      subtitle={
        <Group component="span" gap="lg" mt={2} wrap="wrap">
          {metadata.description && <Text component="span" w="100%">{metadata.description}</Text>}
          <Text component="span" size="sm">Owner: {owner ? <EntityRefLink entityRef={owner} defaultKind="group" /> : 'none'}</Text>
          {lifecycle && <Text component="span" size="sm">Lifecycle: <Badge size="sm" variant="outline" color={lifecycle === 'production' ? 'teal' : lifecycle === 'deprecated' ? 'red' : 'yellow'}>{lifecycle}</Badge></Text>}
          {metadata.tags && metadata.tags.length > 0 && (
            <Group component="span" gap={4} aria-label="Tags">
              {metadata.tags.map(tag => <Badge key={tag} size="sm" variant="default" radius="sm">{tag}</Badge>)}
            </Group>
          )}
        </Group>
      }
    >
      {children}
    </Page>
  );
}
