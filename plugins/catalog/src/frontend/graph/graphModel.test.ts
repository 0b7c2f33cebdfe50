import { describe, expect, it } from 'vitest';
import type { Entity } from '@atrium/model';
import { ALL_PAIRS, edgesOf, walkEntityGraph } from './graphModel';

const e = (ref: string, relations: Array<[string, string]>): Entity => {
  const [kind, rest] = ref.split(':') as [string, string];
  const [namespace, name] = rest.split('/') as [string, string];
  return { apiVersion: 'backstage.io/v1alpha1', kind, metadata: { name, namespace }, relations: relations.map(([type, targetRef]) => ({ type, targetRef })) };
};

// A small catalog: a service owned by a team, part of a system, providing an API another service consumes.
const catalog = new Map<string, Entity>([
  ['component:default/player', e('component:default/player', [['ownedBy', 'group:default/team'], ['partOf', 'system:default/playback'], ['providesApi', 'api:default/play']])],
  ['group:default/team', e('group:default/team', [['ownerOf', 'component:default/player'], ['ownerOf', 'system:default/playback'], ['childOf', 'group:default/area']])],
  ['system:default/playback', e('system:default/playback', [['hasPart', 'component:default/player'], ['ownedBy', 'group:default/team']])],
  ['api:default/play', e('api:default/play', [['apiProvidedBy', 'component:default/player'], ['apiConsumedBy', 'component:default/web']])],
  ['component:default/web', e('component:default/web', [['consumesApi', 'api:default/play']])],
  ['group:default/area', e('group:default/area', [['parentOf', 'group:default/team']])],
]);
const calls: string[][] = [];
const fetchEntities = async (refs: string[]) => { calls.push(refs); return refs.map(r => catalog.get(r) ?? null); };
const walk = (depth: number, pairs = ALL_PAIRS, maxNodes = 100) =>
  walkEntityGraph({ root: catalog.get('component:default/player')!, rootRef: 'component:default/player', depth, pairs: new Set(pairs), maxNodes, fetchEntities });

describe('the relation graph walk', () => {
  it('draws each relation once in its forward direction, whichever side declared it', () => {
    const fromApi = edgesOf(catalog.get('api:default/play')!, 'api:default/play', new Set(ALL_PAIRS));
    expect(fromApi.map(x => x.id)).toEqual(['component:default/player|providesApi|api:default/play', 'component:default/web|consumesApi|api:default/play']);
  });

  it('goes one hop at depth 1 and fetches the neighbours in one request', async () => {
    calls.length = 0;
    const g = await walk(1);
    expect(g.nodes.map(n => n.ref).sort()).toEqual(['api:default/play', 'component:default/player', 'group:default/team', 'system:default/playback']);
    expect(calls).toHaveLength(1);
    // The team owns the system too: an edge between two first-level nodes is shown.
    expect(g.edges.map(x => x.id)).toContain('system:default/playback|ownedBy|group:default/team');
    expect(g.edges).toHaveLength(4);
  });

  it('reaches consumers of the provided API and the parent group at depth 2, one request per level', async () => {
    calls.length = 0;
    const g = await walk(2);
    expect(g.nodes.find(n => n.ref === 'component:default/web')?.depth).toBe(2);
    expect(g.nodes.find(n => n.ref === 'group:default/area')?.depth).toBe(2);
    expect(calls).toHaveLength(2);
  });

  it('keeps only the chosen relation types', async () => {
    const g = await walk(3, ['providesApi', 'consumesApi']);
    expect(g.nodes.map(n => n.ref).sort()).toEqual(['api:default/play', 'component:default/player', 'component:default/web']);
    expect(new Set(g.edges.map(x => x.pair))).toEqual(new Set(['providesApi', 'consumesApi']));
  });

  it('stops at the node limit and says so', async () => {
    const g = await walk(3, ALL_PAIRS, 2);
    expect(g.nodes).toHaveLength(2);
    expect(g.truncated).toBe(true);
  });
});
