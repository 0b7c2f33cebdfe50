import { Anchor, Group, Paper, Stack, Text, ThemeIcon } from '@mantine/core';
import { Handle, Position, type NodeProps, type Node } from '@xyflow/react';
import { Link } from 'react-router';
import { kindIcon, kindLabel } from '../kindIcons';
import { NODE_HEIGHT, NODE_WIDTH } from './layoutGraph';

export type EntityNodeData = { ref: string; title: string; kind: string; subtitle?: string; href?: string; root: boolean; missing: boolean };
export type EntityFlowNode = Node<EntityNodeData, 'entity'>;

/** One entity in the graph: its kind icon, title and type, and a link to its page. */
export function EntityNode({ data }: NodeProps<EntityFlowNode>) {
  const Icon = kindIcon(data.kind);
  return (
    <Paper
      withBorder shadow={data.root ? 'md' : 'xs'} radius="md" px="sm" py={6} w={NODE_WIDTH} h={NODE_HEIGHT}
      style={{ borderColor: data.root ? 'var(--mantine-primary-color-filled)' : undefined, borderWidth: data.root ? 2 : 1, display: 'flex', alignItems: 'center' }}
      data-testid="graph-node" data-ref={data.ref}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <Group gap="xs" wrap="nowrap" miw={0} w="100%">
        <ThemeIcon variant="light" size={28} radius="md" color={data.missing ? 'gray' : undefined} title={kindLabel(data.kind)}>
          <Icon size={16} aria-hidden />
        </ThemeIcon>
        <Stack gap={0} miw={0} style={{ flex: 1 }}>
          {data.href ? (
            // nodrag/nopan: a click on the link follows it instead of starting a pan.
            <Anchor component={Link} to={data.href} size="sm" fw={600} truncate className="nodrag nopan" title={data.ref}>{data.title}</Anchor>
          ) : (
            <Text size="sm" fw={600} truncate title={`${data.ref} is not in the catalog`}>{data.title}</Text>
          )}
          <Text size="xs" c="dimmed" truncate>{data.missing ? 'not in the catalog' : [kindLabel(data.kind), data.subtitle].filter(Boolean).join(' · ')}</Text>
        </Stack>
      </Group>
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </Paper>
  );
}
