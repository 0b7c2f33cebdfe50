import { createApiClient, useApiQuery } from '@atrium/frontend';
import type { Entity } from '@atrium/model';
import { stringifyEntityRef } from '@atrium/model';
import { CATALOG_PLUGIN_ID, catalogRoutes, type EntitiesByRefsResponse } from '@atrium/plugin-catalog/common';
import { keepPreviousData } from '@tanstack/react-query';
import { layoutGraph } from './layoutGraph';
import { walkEntityGraph, type EntityGraph, type RelationPairId } from './graphModel';

const client = createApiClient(CATALOG_PLUGIN_ID);
const FIELDS = ['kind', 'metadata.name', 'metadata.namespace', 'metadata.title', 'spec.type', 'spec.profile', 'relations'];
/** Beyond this many nodes a graph stops being readable; the page says it was cut. */
export const MAX_NODES = 120;

export interface LaidOutGraph extends EntityGraph {
  positions: Map<string, { x: number; y: number }>;
}

/** The entity's neighbourhood to `depth` hops, one `POST /entities/by-refs` per level, laid out by ELK. */
export function useEntityGraph(root: Entity, depth: number, pairs: readonly RelationPairId[]) {
  const rootRef = stringifyEntityRef(root).toLocaleLowerCase('en-US');
  return useApiQuery([CATALOG_PLUGIN_ID, 'graph', rootRef, depth, [...pairs].sort()], async (signal): Promise<LaidOutGraph> => {
    const [self] = (await client.post<EntitiesByRefsResponse>(catalogRoutes.entitiesByRefs, { entityRefs: [rootRef], fields: FIELDS }, { signal })).items;
    const graph = await walkEntityGraph({
      root: self ?? root, rootRef, depth, pairs: new Set(pairs), maxNodes: MAX_NODES,
      fetchEntities: async refs => (await client.post<EntitiesByRefsResponse>(catalogRoutes.entitiesByRefs, { entityRefs: refs, fields: FIELDS }, { signal })).items,
    });
    const positions = await layoutGraph(graph.nodes.map(n => n.ref), graph.edges);
    return { ...graph, positions };
  }, { placeholderData: keepPreviousData });
}
