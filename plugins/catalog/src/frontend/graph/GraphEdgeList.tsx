import { Anchor, Code, Table, Text } from '@mantine/core';
import { entityRoute } from '@atrium/frontend';
import { Link } from 'react-router';
import { displayTitle, shortRef } from '../entityFields';
import type { EntityGraph } from './graphModel';

/** The graph's edges as a table: the same information for screen readers, search (Ctrl+F) and narrow screens. */
export function GraphEdgeList({ graph }: { graph: EntityGraph }) {
  if (graph.edges.length === 0) return null;
  const name = (ref: string) => {
    const e = graph.entities.get(ref);
    return e ? <Anchor component={Link} to={entityRoute(e)} size="sm">{displayTitle(e)}</Anchor> : <Code>{shortRef(ref)}</Code>;
  };
  return (
    <details>
      <summary><Text span size="sm" fw={500}>All {graph.edges.length} relations as a list</Text></summary>
      <Table.ScrollContainer minWidth={420} mt="xs">
        <Table striped aria-label="Relations">
          <Table.Thead><Table.Tr><Table.Th>From</Table.Th><Table.Th>Relation</Table.Th><Table.Th>To</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {graph.edges.map(e => (
              <Table.Tr key={e.id}><Table.Td>{name(e.source)}</Table.Td><Table.Td>{e.label}</Table.Td><Table.Td>{name(e.target)}</Table.Td></Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </details>
  );
}
