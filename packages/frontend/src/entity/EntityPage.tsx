import { Button, Code, Tabs } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { stringifyEntityRef } from '@atrium/model';
import type { Entity } from '@atrium/model';
import { Link, useNavigate, useParams } from 'react-router';
import { useAppContext } from '../app/AppContext';
import { useDocumentTitle } from '../app/useDocumentTitle';
import { ExtensionRenderer } from '../plugin/ExtensionRenderer';
import { EmptyState } from '../ui/EmptyState';
import { ErrorState } from '../ui/ErrorState';
import { LoadingState } from '../ui/LoadingState';
import { EntityContext, EntityLoadedAtContext } from './EntityContext';
import { EntityHeader } from './EntityHeader';
import { EntityOverview } from './EntityOverview';
import { selectForEntity } from './entityExtensions';
import { useLiveEntityUpdates } from './useLiveEntityUpdates';

const OVERVIEW = 'overview';

/** `/catalog/:namespace/:kind/:name/*`: loads the entity and shows its header and tabs. */
export function EntityPage() {
  const { namespace = '', kind = '', name = '', '*': rest = '' } = useParams();
  const { entitySource } = useAppContext();
  const entityRef = stringifyEntityRef({ kind, namespace, name });
  const query = useQuery({
    queryKey: ['atrium', 'entity', entityRef],
    queryFn: async () => (await entitySource?.getEntity(entityRef)) ?? null,
    enabled: Boolean(entitySource),
  });
  useDocumentTitle(query.data ? undefined : query.isPending ? 'Loading entity' : 'Entity not found');
  // The entity and every card's data refetch when the catalog reports a change to what they show.
  useLiveEntityUpdates();

  if (!entitySource) {
    return <EmptyState title="No catalog installed" description="Entity pages need a catalog. Install the catalog plugin, or pass an entitySource to createApp()." />;
  }
  if (query.isPending) return <LoadingState lines={8} label={`Loading ${entityRef}`} />;
  if (query.isError) return <ErrorState title={`Could not load ${entityRef}`} error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) {
    return (
      <EmptyState
        title="Entity not found"
        description={<>There is no <Code>{entityRef}</Code> in the catalog. It may have been renamed or removed; check the address or register it.</>}
        action={<Button component={Link} to="/" variant="light">Go to the home page</Button>}
      />
    );
  }
  return (
    <EntityLoadedAtContext.Provider value={query.dataUpdatedAt}>
      <EntityTabsView entity={query.data} basePath={`/catalog/${namespace}/${kind}/${name}`} tabPath={rest.split('/')[0] ?? ''} />
    </EntityLoadedAtContext.Provider>
  );
}

function EntityTabsView({ entity, basePath, tabPath }: { entity: Entity; basePath: string; tabPath: string }) {
  const navigate = useNavigate();
  const tabs = selectForEntity(useAppContext().registry.entityTabs, entity);
  const active = tabPath ? tabs.find(t => t.path === tabPath) : undefined;
  const value = tabPath ? (active?.path ?? tabPath) : OVERVIEW;
  return (
    <EntityContext.Provider value={entity}>
      <EntityHeader entity={entity}>
        <Tabs value={value} onChange={v => v && navigate(v === OVERVIEW ? basePath : `${basePath}/${v}`)} keepMounted={false}>
          <Tabs.List aria-label="Entity sections" mb="lg">
            <Tabs.Tab value={OVERVIEW}>Overview</Tabs.Tab>
            {tabs.map(tab => <Tabs.Tab key={tab.extensionId} value={tab.path}>{tab.title}</Tabs.Tab>)}
          </Tabs.List>
          {value === OVERVIEW && <Tabs.Panel value={OVERVIEW}><EntityOverview entity={entity} /></Tabs.Panel>}
          {active && (
            <Tabs.Panel value={active.path}>
              <ExtensionRenderer extension={active} what={`the "${active.title}" tab`} props={{ entity }} />
            </Tabs.Panel>
          )}
          {tabPath && !active && (
            <EmptyState
              title="This tab does not exist"
              description={<>No installed plugin offers a <Code>{tabPath}</Code> tab for this entity. Pick one of the tabs above.</>}
            />
          )}
        </Tabs>
      </EntityHeader>
    </EntityContext.Provider>
  );
}
