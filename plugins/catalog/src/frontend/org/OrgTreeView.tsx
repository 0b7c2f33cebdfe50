import { ActionIcon, Anchor, Avatar, Badge, Box, Group, Text } from '@mantine/core';
import { entityRoute } from '@atrium/frontend';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { Link } from 'react-router';
import { profileOf, stringField } from '../entityFields';
import { pictureOf } from '../profilePicture';
import type { OrgNode } from './orgTree';

export interface OrgTreeViewProps {
  nodes: OrgNode[];
  expanded: ReadonlySet<string>;
  onToggle: (ref: string) => void;
  highlighted?: string;
  level?: number;
}

/** Nested lists of groups; each row opens and closes with its chevron button and links to the group page. */
export function OrgTreeView({ nodes, expanded, onToggle, highlighted, level = 1 }: OrgTreeViewProps) {
  return (
    <Box component="ul" m={0} p={0} pl={level > 1 ? 22 : 0} style={{ listStyle: 'none' }} aria-label={level === 1 ? 'Groups' : undefined}>
      {nodes.map(node => {
        const open = expanded.has(node.ref);
        const type = stringField(node.entity.spec?.type);
        const { email } = profileOf(node.entity);
        return (
          <li key={node.ref} data-testid="org-node" data-ref={node.ref} aria-level={level}>
            <Group
              gap="xs" wrap="nowrap" py={6} px="xs"
              style={{ borderRadius: 6, background: highlighted === node.ref ? 'var(--mantine-primary-color-light)' : undefined }}
            >
              {node.children.length > 0 ? (
                <ActionIcon
                  variant="subtle" color="gray" size="sm" onClick={() => onToggle(node.ref)} aria-expanded={open}
                  aria-label={`${open ? 'Collapse' : 'Expand'} ${node.title}`}
                >
                  {open ? <IconChevronDown size={16} aria-hidden /> : <IconChevronRight size={16} aria-hidden />}
                </ActionIcon>
              ) : <Box w={22} aria-hidden />}
              <Avatar src={pictureOf(node.entity)} alt="" size={28} radius="sm" color="indigo" name={node.title} />
              <Box miw={0} style={{ flex: 1 }}>
                <Group gap={6} wrap="wrap">
                  <Anchor component={Link} to={entityRoute(node.entity)} fw={600} size="sm">{node.title}</Anchor>
                  {type && <Badge size="xs" variant="light" color="gray" radius="sm" tt="none">{type}</Badge>}
                </Group>
                <Text size="xs" c="dimmed" truncate>
                  {[`${node.members} member${node.members === 1 ? '' : 's'}`, node.children.length ? `${node.children.length} sub-group${node.children.length === 1 ? '' : 's'}` : undefined, email].filter(Boolean).join(' · ')}
                </Text>
              </Box>
            </Group>
            {open && node.children.length > 0 && (
              <OrgTreeView nodes={node.children} expanded={expanded} onToggle={onToggle} highlighted={highlighted} level={level + 1} />
            )}
          </li>
        );
      })}
    </Box>
  );
}
