import { ActionIcon, Anchor, Badge, Button, Card, Group, MultiSelect, SimpleGrid, Stack, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { EmptyState, EntityRefLink, ErrorState, LoadingState, Page, useStarredEntities } from '@atrium/frontend';
import type { Entity } from '@atrium/model';
import { IconEdit, IconListDetails, IconPuzzle, IconSearch, IconStar, IconStarFilled, IconTemplate } from '@tabler/icons-react';
import { Link, useSearchParams } from 'react-router';
import { useTemplates } from './api';
import { facets, groupTemplates, readFilters, templateRef, writeFilters, type TemplateFilters } from './templateList';

function ownerOf(t: Entity): string | undefined {
  return t.relations?.find((r) => r.type === 'ownedBy')?.targetRef ?? (typeof t.spec?.owner === 'string' ? t.spec.owner : undefined);
}

function TemplateCard({ template, starred, onStar }: { template: Entity; starred: boolean; onStar(): void }) {
  const ns = template.metadata.namespace ?? 'default';
  const title = template.metadata.title ?? template.metadata.name;
  const owner = ownerOf(template);
  return (
    <Card withBorder radius="md" padding="md" component="article" aria-label={title}>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Title order={3} size="h5" style={{ overflowWrap: 'anywhere' }}>{title}</Title>
        <Tooltip label={starred ? 'Unstar' : 'Star: starred templates come first'}>
          <ActionIcon variant="subtle" color="yellow" onClick={onStar} aria-label={`${starred ? 'Unstar' : 'Star'} ${title}`} aria-pressed={starred}>
            {starred ? <IconStarFilled size={18} /> : <IconStar size={18} />}
          </ActionIcon>
        </Tooltip>
      </Group>
      <Text size="sm" c="dimmed" mt={4} style={{ flex: 1 }} lineClamp={3}>{template.metadata.description ?? 'No description.'}</Text>
      {(template.metadata.tags?.length ?? 0) > 0 && (
        <Group gap={4} mt="sm">{template.metadata.tags!.map((tag) => <Badge key={tag} variant="light" size="sm">{tag}</Badge>)}</Group>
      )}
      <Group justify="space-between" mt="md" wrap="nowrap">
        <Text size="xs" c="dimmed" truncate>{owner ? <>Owner: <EntityRefLink entityRef={owner} defaultKind="group" /></> : 'No owner'}</Text>
        <Button size="xs" component={Link} to={`/create/templates/${encodeURIComponent(ns)}/${encodeURIComponent(template.metadata.name)}`} aria-label={`Choose ${title}`}>Choose</Button>
      </Group>
    </Card>
  );
}

/** `/create`: every template, grouped by type and filtered by type, tags and text (in the URL). */
export default function TemplateListPage() {
  const templates = useTemplates();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const { isStarred, toggleStarred } = useStarredEntities();
  const set = (patch: Partial<TemplateFilters>) => setParams(writeFilters({ ...filters, ...patch }), { replace: true });
  const all = templates.data ?? [];
  const options = facets(all);
  const groups = groupTemplates(all, filters, isStarred);
  const filtered = filters.q || filters.types.length || filters.tags.length;

  return (
    <Page
      title="Create something new"
      subtitle="Golden paths: pick a template, answer a few questions, and get a repository with CI, docs and a catalog entry."
      actions={<>
        <Button variant="default" component={Link} to="/create/tasks" leftSection={<IconListDetails size={16} />}>Tasks</Button>
        <Button variant="default" component={Link} to="/create/actions" leftSection={<IconPuzzle size={16} />}>Actions</Button>
        <Button variant="default" component={Link} to="/create/edit" leftSection={<IconEdit size={16} />}>Template editor</Button>
      </>}
    >
      <Group align="flex-end" wrap="wrap">
        <TextInput label="Search" placeholder="Name, description or tag" leftSection={<IconSearch size={16} />} value={filters.q}
          onChange={(e) => set({ q: e.currentTarget.value })} miw={220} style={{ flex: 1 }} />
        <MultiSelect label="Type" data={options.types} value={filters.types} onChange={(types) => set({ types })} clearable searchable miw={180} placeholder="Any type" />
        <MultiSelect label="Tags" data={options.tags} value={filters.tags} onChange={(tags) => set({ tags })} clearable searchable miw={180} placeholder="Any tag" />
      </Group>
      {templates.isLoading && <LoadingState lines={6} label="Loading templates" />}
      {templates.isError && <ErrorState title="Could not load the templates" error={templates.error} onRetry={() => void templates.refetch()} />}
      {templates.isSuccess && all.length === 0 && (
        <EmptyState icon={<IconTemplate size={26} />} title="No templates yet"
          description="Templates are Template entities in the catalog (apiVersion scaffolder.backstage.io/v1beta3). Register a template.yaml as a location, or try one in the template editor."
          action={<Button component={Link} to="/create/edit" variant="light">Open the template editor</Button>} />
      )}
      {templates.isSuccess && all.length > 0 && groups.length === 0 && (
        <EmptyState title="No template matches" description="Change the search or remove a filter."
          action={filtered ? <Button variant="light" onClick={() => setParams(new URLSearchParams(), { replace: true })}>Clear filters</Button> : undefined} />
      )}
      {groups.map((group) => (
        <Stack key={group.type} gap="sm" component="section" aria-label={`${group.type} templates`}>
          <Title order={2} size="h4" tt="capitalize">{group.type}</Title>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
            {group.items.map((t) => <TemplateCard key={templateRef(t)} template={t} starred={isStarred(templateRef(t))} onStar={() => toggleStarred(templateRef(t))} />)}
          </SimpleGrid>
        </Stack>
      ))}
      {templates.isSuccess && all.length > 0 && <Text size="xs" c="dimmed">Writing your own? See <Anchor component={Link} to="/create/actions">the installed actions</Anchor>.</Text>}
    </Page>
  );
}
