import ELK from 'elkjs/lib/elk.bundled.js';
import type { GraphEdge } from './graphModel';

export const NODE_WIDTH = 220;
export const NODE_HEIGHT = 60;

const elk = new ELK();

/**
 * Positions nodes with ELK's layered algorithm (left to right, edges routed around nodes), so related
 * entities line up in columns by how they connect rather than piling up in the middle.
 */
export async function layoutGraph(nodeIds: string[], edges: GraphEdge[]): Promise<Map<string, { x: number; y: number }>> {
  const result = await elk.layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.spacing.nodeNode': '28',
      'elk.layered.spacing.nodeNodeBetweenLayers': '90',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.separateConnectedComponents': 'false',
    },
    children: nodeIds.map(id => ({ id, width: NODE_WIDTH, height: NODE_HEIGHT })),
    edges: edges.map(e => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  });
  return new Map((result.children ?? []).map(c => [c.id, { x: c.x ?? 0, y: c.y ?? 0 }]));
}
