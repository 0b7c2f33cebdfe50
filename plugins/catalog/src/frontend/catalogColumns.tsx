import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { EntityRefLink, entityRoute } from '@atrium/frontend';
import type { DataTableColumn } from '@atrium/frontend';
import type { Entity } from '@atrium/model';
import { Link } from 'react-router';
import { displayTitle, profileOf, relationTargets, stringField } from './entityFields';

/** A catalog table column; `orderField` is the catalog field the server sorts by (unsortable without one). */
export type CatalogColumn = DataTableColumn<Entity> & { orderField?: string };

const dash = <Text span c="dimmed" aria-label="none">—</Text>;
const lifecycleColor = (l: string) => (l === 'production' ? 'teal' : l === 'deprecated' ? 'red' : 'yellow');

function NameCell({ entity }: { entity: Entity }) {
  const title = displayTitle(entity);
  const { description } = entity.metadata;
  return (
    <Stack gap={2} miw={180} maw={340}>
      <Anchor component={Link} to={entityRoute(entity)} fw={600} size="sm">{title}</Anchor>
      {title !== entity.metadata.name && <Text size="xs" c="dimmed" ff="monospace">{entity.metadata.name}</Text>}
      {description && <Text size="xs" c="dimmed" lineClamp={2}>{description}</Text>}
    </Stack>
  );
}

// Refs stay on one line: a team name broken at its hyphen reads as two names.
const refCell = (value: unknown, defaultKind: string) => {
  const ref = stringField(value);
  return ref ? <Text span size="sm" style={{ whiteSpace: 'nowrap' }}><EntityRefLink entityRef={ref} defaultKind={defaultKind} /></Text> : dash;
};
const MAX_TAGS = 3;

const name: CatalogColumn = {
  id: 'name', header: 'Name', orderField: 'metadata.name', sortable: true,
  value: e => e.metadata.name, render: e => <NameCell entity={e} />,
};
const system: CatalogColumn = {
  id: 'system', header: 'System', orderField: 'spec.system', sortable: true,
  value: e => stringField(e.spec?.system), render: e => refCell(e.spec?.system, 'system'),
};
const domain: CatalogColumn = {
  id: 'domain', header: 'Domain', orderField: 'spec.domain', sortable: true,
  value: e => stringField(e.spec?.domain), render: e => refCell(e.spec?.domain, 'domain'),
};
const owner: CatalogColumn = {
  id: 'owner', header: 'Owner', orderField: 'spec.owner', sortable: true,
  value: e => stringField(e.spec?.owner), render: e => refCell(e.spec?.owner, 'group'),
};
const type: CatalogColumn = {
  id: 'type', header: 'Type', orderField: 'spec.type', sortable: true,
  value: e => stringField(e.spec?.type),
  render: e => { const t = stringField(e.spec?.type); return t ? <Text span size="sm" style={{ whiteSpace: 'nowrap' }}>{t}</Text> : dash; },
};
const lifecycle: CatalogColumn = {
  id: 'lifecycle', header: 'Lifecycle', orderField: 'spec.lifecycle', sortable: true, value: e => stringField(e.spec?.lifecycle),
  render: e => {
    const l = stringField(e.spec?.lifecycle);
    return l ? <Badge size="sm" variant="outline" color={lifecycleColor(l)} style={{ minWidth: 'max-content' }}>{l}</Badge> : dash;
  },
};
const tags: CatalogColumn = {
  id: 'tags', header: 'Tags', value: e => e.metadata.tags?.join(' '),
  render: e => {
    const all = e.metadata.tags ?? [];
    if (!all.length) return dash;
    const hidden = all.length - MAX_TAGS;
    return (
      <Group gap={4} maw={200}>
        {all.slice(0, MAX_TAGS).map(t => <Badge key={t} size="sm" variant="default" radius="sm" tt="none" style={{ minWidth: 'max-content' }}>{t}</Badge>)}
        {hidden > 0 && <Badge size="sm" variant="transparent" color="gray" tt="none" title={all.slice(MAX_TAGS).join(', ')}>+{hidden}</Badge>}
      </Group>
    );
  },
};
const parent: CatalogColumn = {
  id: 'parent', header: 'Parent', orderField: 'spec.parent', sortable: true,
  value: e => stringField(e.spec?.parent), render: e => refCell(e.spec?.parent, 'group'),
};
const members: CatalogColumn = {
  id: 'members', header: 'Members', align: 'right', value: e => relationTargets(e, 'hasMember').length,
};
const email: CatalogColumn = {
  id: 'email', header: 'Email', orderField: 'spec.profile.email', sortable: true, value: e => profileOf(e).email,
  render: e => {
    const address = profileOf(e).email;
    return address ? <Anchor href={`mailto:${address}`} size="sm">{address}</Anchor> : dash;
  },
};
const groups: CatalogColumn = {
  id: 'groups', header: 'Groups', value: e => relationTargets(e, 'memberOf').join(' '),
  render: e => {
    const refs = relationTargets(e, 'memberOf');
    return refs.length ? <Group gap={8}>{refs.map(r => <Text span size="sm" key={r}><EntityRefLink entityRef={r} defaultKind="group" /></Text>)}</Group> : dash;
  },
};
const columnsByKind: Record<string, CatalogColumn[]> = {
  component: [name, system, owner, type, lifecycle, tags],
  api: [name, system, owner, type, lifecycle, tags],
  resource: [name, system, owner, type, tags],
  system: [name, domain, owner, tags],
  domain: [name, owner, tags],
  group: [name, type, parent, members],
  user: [name, email, groups],
};

/** The columns that fit a kind; kinds without their own set get name, owner, type and tags. */
export function columnsForKind(kind: string): CatalogColumn[] {
  return columnsByKind[kind.toLocaleLowerCase('en-US')] ?? [name, owner, type, tags];
}

/** The column the table is sorted by: the one named in the view when it is sortable, else the name. */
export function sortColumnFor(kind: string, sort: string): CatalogColumn {
  const columns = columnsForKind(kind);
  return columns.find(c => c.id === sort && c.orderField) ?? columns[0]!;
}
