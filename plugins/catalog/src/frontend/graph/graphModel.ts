import type { Entity } from '@atrium/model';

/** Relation pairs the graph can show; each is drawn once, in its forward direction, whichever side declared it. */
export const RELATION_PAIRS = [
  { id: 'ownedBy', label: 'owned by', inverse: 'ownerOf' },
  { id: 'partOf', label: 'part of', inverse: 'hasPart' },
  { id: 'providesApi', label: 'provides', inverse: 'apiProvidedBy' },
  { id: 'consumesApi', label: 'consumes', inverse: 'apiConsumedBy' },
  { id: 'dependsOn', label: 'depends on', inverse: 'dependencyOf' },
  { id: 'memberOf', label: 'member of', inverse: 'hasMember' },
  { id: 'childOf', label: 'child of', inverse: 'parentOf' },
] as const;

export type RelationPairId = (typeof RELATION_PAIRS)[number]['id'];
export const ALL_PAIRS: readonly RelationPairId[] = RELATION_PAIRS.map(p => p.id);

const pairOfType = new Map<string, { pair: RelationPairId; forward: boolean }>();
for (const p of RELATION_PAIRS) {
  pairOfType.set(p.id.toLowerCase(), { pair: p.id, forward: true });
  pairOfType.set(p.inverse.toLowerCase(), { pair: p.id, forward: false });
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  pair: RelationPairId;
  label: string;
}

export interface EntityGraph {
  rootRef: string;
  /** Refs by distance from the root; a ref missing from `entities` names something not in the catalog. */
  nodes: Array<{ ref: string; depth: number }>;
  entities: Map<string, Entity>;
  edges: GraphEdge[];
  /** True when the node limit cut the graph short. */
  truncated: boolean;
}

const lower = (s: string) => s.toLocaleLowerCase('en-US');

/** The relations of an entity the filter keeps, each as a forward edge (`a ownedBy b`, even when read from `b ownerOf a`). */
export function edgesOf(entity: Entity, ref: string, pairs: ReadonlySet<RelationPairId>): GraphEdge[] {
  const out: GraphEdge[] = [];
  for (const r of entity.relations ?? []) {
    const kind = pairOfType.get(lower(r.type));
    if (!kind || !pairs.has(kind.pair)) continue;
    const target = lower(r.targetRef);
    const [source, dest] = kind.forward ? [ref, target] : [target, ref];
    const label = RELATION_PAIRS.find(p => p.id === kind.pair)!.label;
    out.push({ id: `${source}|${kind.pair}|${dest}`, source, target: dest, pair: kind.pair, label });
  }
  return out;
}

/**
 * Breadth-first walk from the root to `depth` hops over the chosen relation pairs, fetching each level's
 * new entities in one call. Stops adding nodes at `maxNodes` so a hub (a business unit owning hundreds of
 * things) stays readable.
 */
export async function walkEntityGraph(options: {
  root: Entity;
  rootRef: string;
  depth: number;
  pairs: ReadonlySet<RelationPairId>;
  maxNodes: number;
  fetchEntities: (refs: string[]) => Promise<Array<Entity | null>>;
}): Promise<EntityGraph> {
  const { root, depth, pairs, maxNodes, fetchEntities } = options;
  const rootRef = lower(options.rootRef);
  const entities = new Map<string, Entity>([[rootRef, root]]);
  const nodes = new Map<string, number>([[rootRef, 0]]);
  const edges = new Map<string, GraphEdge>();
  let frontier = [rootRef];
  let truncated = false;
  for (let level = 1; level <= depth && frontier.length > 0; level++) {
    const next: string[] = [];
    for (const ref of frontier) {
      const entity = entities.get(ref);
      if (!entity) continue;
      for (const edge of edgesOf(entity, ref, pairs)) {
        const other = edge.source === ref ? edge.target : edge.source;
        if (!nodes.has(other)) {
          if (nodes.size >= maxNodes) { truncated = true; continue; }
          nodes.set(other, level);
          next.push(other);
        }
        edges.set(edge.id, edge);
      }
    }
    if (next.length === 0) break;
    const fetched = await fetchEntities(next);
    next.forEach((ref, i) => { const e = fetched[i]; if (e) entities.set(ref, e); });
    frontier = next;
  }
  // Edges between nodes at the outermost level were not read from either side yet: add them from what was fetched.
  for (const ref of frontier) {
    const entity = entities.get(ref);
    if (!entity) continue;
    for (const edge of edgesOf(entity, ref, pairs)) if (nodes.has(edge.source) && nodes.has(edge.target)) edges.set(edge.id, edge);
  }
  return { rootRef, nodes: [...nodes].map(([ref, d]) => ({ ref, depth: d })), entities, edges: [...edges.values()], truncated };
}
