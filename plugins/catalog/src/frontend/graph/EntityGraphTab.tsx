import '@xyflow/react/dist/style.css';
import { Box, Card, Chip, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { useComputedColorScheme } from '@mantine/core';
import { ErrorState, LoadingState, entityRoute } from '@atrium/frontend';
import type { EntityComponentProps } from '@atrium/frontend';
import { parseEntityRef } from '@atrium/model';
import { Background, Controls, MarkerType, ReactFlow, type Edge } from '@xyflow/react';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { displayTitle, stringField } from '../entityFields';
import { EntityNode, type EntityFlowNode } from './EntityNode';
import { GraphEdgeList } from './GraphEdgeList';
import { ALL_PAIRS, RELATION_PAIRS, type RelationPairId } from './graphModel';
import { MAX_NODES, useEntityGraph } from './useEntityGraph';

const nodeTypes = { entity: EntityNode };

/** Depth (1–3) and relation types live in the URL (`?depth=2&rel=ownedBy&rel=partOf`), so a view can be shared. */
function useGraphView() {
  const [params, setParams] = useSearchParams();
  const { depth, pairs } = viewOf(params);
  // Each change starts from the address bar, not from the last render: react-router hands its
  // updater the search params of the render, so two chips clicked before a re-render (a loaded
  // machine) would each start from the same state and the second would undo the first.
  const update = (change: (p: URLSearchParams) => void) => setParams(() => {
    const p = new URLSearchParams(window.location.search);
    change(p);
    return p;
  }, { replace: true });
  const setDepth = (next: number) => update(p => { if (next === 1) p.delete('depth'); else p.set('depth', String(next)); });
  const togglePair = (id: RelationPairId) => update(p => {
    const current = viewOf(p).pairs;
    const next = current.includes(id) ? current.filter(r => r !== id) : [...current, id];
    p.delete('rel');
    if (next.length && next.length < ALL_PAIRS.length) for (const r of ALL_PAIRS) if (next.includes(r)) p.append('rel', r);
  });
  return { depth, pairs, setDepth, togglePair };
}

function viewOf(params: URLSearchParams): { depth: number; pairs: RelationPairId[] } {
  const d = Number(params.get('depth'));
  const chosen = params.getAll('rel').filter((r): r is RelationPairId => (ALL_PAIRS as readonly string[]).includes(r));
  return { depth: d === 2 || d === 3 ? d : 1, pairs: chosen.length ? chosen : [...ALL_PAIRS] };
}

/** The "Relations" tab: an interactive, automatically laid out graph of the entity's neighbourhood. */
export function EntityGraphTab({ entity }: EntityComponentProps) {
  const { depth, pairs, setDepth, togglePair } = useGraphView();
  const graph = useEntityGraph(entity, depth, pairs);
  const scheme = useComputedColorScheme('light');

  const flow = useMemo(() => {
    if (!graph.data) return undefined;
    const g = graph.data;
    const nodes: EntityFlowNode[] = g.nodes.map(({ ref }) => {
      const e = g.entities.get(ref);
      const c = parseEntityRef(ref);
      return {
        id: ref, type: 'entity', position: g.positions.get(ref) ?? { x: 0, y: 0 },
        data: { ref, kind: e?.kind ?? c.kind, title: e ? displayTitle(e) : c.name, subtitle: e ? stringField(e.spec?.type) : undefined, href: e ? entityRoute(e) : undefined, root: ref === g.rootRef, missing: !e },
        ariaLabel: `${e ? displayTitle(e) : c.name} (${c.kind})`,
      };
    });
    const edges: Edge[] = g.edges.map(e => ({
      id: e.id, source: e.source, target: e.target, label: e.label, markerEnd: { type: MarkerType.ArrowClosed },
      labelBgPadding: [4, 2], labelStyle: { fontSize: 11 }, focusable: false,
    }));
    return { nodes, edges };
  }, [graph.data]);

  return (
    <Stack gap="md">
      <Card withBorder padding="md">
        <Group gap="lg" align="flex-end" wrap="wrap">
          <Stack gap={4}>
            <Text size="sm" fw={500} id="graph-depth-label">Depth</Text>
            <SegmentedControl
              aria-labelledby="graph-depth-label" value={String(depth)} onChange={v => setDepth(Number(v))}
              data={[{ value: '1', label: '1 hop' }, { value: '2', label: '2 hops' }, { value: '3', label: '3 hops' }]}
            />
          </Stack>
          <Stack gap={4} style={{ flex: 1, minWidth: 260 }}>
            <Text size="sm" fw={500} id="graph-relations-label">Relations</Text>
            <Chip.Group multiple value={pairs} onChange={v => {
              // The chip that changed, applied to the current address (see useGraphView).
              for (const id of ALL_PAIRS) if (v.includes(id) !== pairs.includes(id)) togglePair(id);
            }}>
              <Group gap={6} role="group" aria-labelledby="graph-relations-label">
                {RELATION_PAIRS.map(p => <Chip key={p.id} value={p.id} size="xs">{p.label}</Chip>)}
              </Group>
            </Chip.Group>
          </Stack>
        </Group>
      </Card>
      {graph.isError ? (
        <ErrorState title="Could not load the relations" error={graph.error} onRetry={() => void graph.refetch()} />
      ) : !flow ? (
        <LoadingState lines={6} label="Loading the relation graph" />
      ) : (
        <>
          {graph.data!.truncated && <Text size="sm" c="orange.8">Only the first {MAX_NODES} entities are drawn. Lower the depth or pick fewer relation types.</Text>}
          {flow.edges.length === 0 && <Text size="sm" c="dimmed">No relations of the chosen types. Pick more relation types above.</Text>}
          <Box h={{ base: 420, sm: 560 }} style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 8, overflow: 'hidden' }} aria-busy={graph.isPlaceholderData}>
            <ReactFlow
              key={`${depth}-${pairs.join()}`} nodes={flow.nodes} edges={flow.edges} nodeTypes={nodeTypes} colorMode={scheme}
              fitView fitViewOptions={{ padding: 0.15, maxZoom: 1.2 }} minZoom={0.2} nodesConnectable={false} nodesDraggable
              elementsSelectable proOptions={{ hideAttribution: true }} aria-label={`Relations of ${displayTitle(entity)}`}
            >
              <Background gap={20} />
              <Controls showInteractive={false} />
            </ReactFlow>
          </Box>
          <GraphEdgeList graph={graph.data!} />
        </>
      )}
    </Stack>
  );
}

export default EntityGraphTab;
