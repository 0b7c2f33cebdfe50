import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackendModule } from '@atrium/backend';
import { startTestBackend, TEST_DATABASE_CLIENTS, waitFor, type TestBackend } from '@atrium/backend/testing';
import type { Entity } from '@atrium/model';
import { catalogPlugin } from '../plugin.js';
import { catalogProcessingExtensionPoint, type EntityProviderConnection } from './extensionPoint.js';

const group = (name: string): Entity => ({ apiVersion: 'backstage.io/v1alpha1', kind: 'Group', metadata: { name }, spec: { type: 'team', children: [] } });
const user = (name: string, team: string): Entity => ({ apiVersion: 'backstage.io/v1alpha1', kind: 'User', metadata: { name }, spec: { memberOf: [team] } });

describe.each(TEST_DATABASE_CLIENTS)('entity providers on %s', (client) => {
  let t: TestBackend;
  let connection: EntityProviderConnection | undefined;
  const orgModule = createBackendModule({
    pluginId: 'catalog',
    moduleId: 'test-org',
    register(env) {
      env.registerInit({
        deps: { catalog: catalogProcessingExtensionPoint },
        init({ catalog }) {
          catalog.addEntityProvider({ getProviderName: () => 'test-org', connect: async (c) => void (connection = c) });
        },
      });
    },
  });
  const refs = async () => {
    const r = await t.fetch('/api/catalog/entities?fields=kind,metadata.name');
    return ((await r.json()) as Entity[]).map((e) => `${e.kind}:${e.metadata.name}`).sort();
  };

  beforeAll(async () => {
    t = await startTestBackend({ features: [catalogPlugin, orgModule], client, config: { catalog: { processingInterval: { hours: 1 } } } });
  });
  afterAll(() => t?.stop());

  it('connects the provider at start-up and ingests a full mutation with relations both ways', async () => {
    expect(connection).toBeDefined();
    await connection!.applyMutation({ type: 'full', entities: [{ entity: group('team-a') }, { entity: user('ada', 'team-a') }, { entity: user('bob', 'team-a') }] });
    await waitFor(async () => (await refs()).length === 3);
    const team = (await (await t.fetch('/api/catalog/entities/by-name/group/default/team-a')).json()) as Entity;
    expect(team.relations).toEqual([
      { type: 'hasMember', targetRef: 'user:default/ada' },
      { type: 'hasMember', targetRef: 'user:default/bob' },
    ]);
    // `relations.*` filters and facets read the relations that processing wrote.
    const members = (await (await t.fetch('/api/catalog/entities?filter=relations.memberOf=group:default/team-a&fields=metadata.name')).json()) as Entity[];
    expect(members.map((e) => e.metadata.name).sort()).toEqual(['ada', 'bob']);
    const facets = (await (await t.fetch('/api/catalog/entity-facets?facet=relations.hasMember')).json()) as { facets: Record<string, unknown> };
    expect(facets.facets['relations.hasMember']).toEqual([{ value: 'user:default/ada', count: 1 }, { value: 'user:default/bob', count: 1 }]);
  });

  it('applies deltas: adds, and removes only what it names', async () => {
    await connection!.applyMutation({ type: 'delta', added: [{ entity: user('cy', 'team-a') }], removed: [{ entityRef: 'user:default/bob' }] });
    await waitFor(async () => JSON.stringify(await refs()) === JSON.stringify(['Group:team-a', 'User:ada', 'User:cy']));
    // The removed member's relation disappears from the team, the added one's appears.
    await waitFor(async () => {
      const team = (await (await t.fetch('/api/catalog/entities/by-name/group/default/team-a')).json()) as Entity;
      return team.relations?.map((r) => r.targetRef).join() === 'user:default/ada,user:default/cy';
    });
    const members = (await (await t.fetch('/api/catalog/entities?filter=relations.memberof=group:default/team-a&fields=metadata.name')).json()) as Entity[];
    expect(members.map((e) => e.metadata.name).sort()).toEqual(['ada', 'cy']);
  });

  it('replaces its whole set with a full mutation', async () => {
    await connection!.applyMutation({ type: 'full', entities: [{ entity: group('team-b') }] });
    await waitFor(async () => JSON.stringify(await refs()) === JSON.stringify(['Group:team-b']));
  });
});
