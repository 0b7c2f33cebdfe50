import { ActionIcon, Button, Group, NavLink, Stack, TextInput, Tooltip } from '@mantine/core';
import { IconFile, IconFilePlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';

export interface EditorFile { path: string; content: string }

/** The template's files beside template.yaml: pick one to edit, add or remove files. */
export function FileList(props: { files: EditorFile[]; selected: string; onSelect(path: string): void; onAdd(path: string): void; onDelete(path: string): void }) {
  const [name, setName] = useState('');
  const valid = /^[^/\\][^\\]*$/.test(name) && !name.split('/').includes('..') && !props.files.some((f) => f.path === name) && name !== 'template.yaml';
  return (
    <Stack gap={4}>
      <NavLink label="template.yaml" leftSection={<IconFile size={14} />} active={props.selected === 'template.yaml'} onClick={() => props.onSelect('template.yaml')} />
      {props.files.map((f) => (
        <Group key={f.path} gap={0} wrap="nowrap">
          <NavLink label={f.path} leftSection={<IconFile size={14} />} active={props.selected === f.path} onClick={() => props.onSelect(f.path)} style={{ flex: 1, overflowWrap: 'anywhere' }} />
          <Tooltip label={`Delete ${f.path}`}>
            <ActionIcon variant="subtle" color="red" aria-label={`Delete ${f.path}`} onClick={() => props.onDelete(f.path)}><IconTrash size={14} /></ActionIcon>
          </Tooltip>
        </Group>
      ))}
      <form onSubmit={(e) => { e.preventDefault(); if (valid) { props.onAdd(name); setName(''); } }}>
        <Group gap={4} wrap="nowrap" mt="xs">
          <TextInput size="xs" aria-label="New file path" placeholder="skeleton/new-file.md" value={name} onChange={(e) => setName(e.currentTarget.value)} style={{ flex: 1 }}
            error={name && !valid ? 'A new relative path' : undefined} />
          <Button size="xs" type="submit" variant="light" disabled={!valid} leftSection={<IconFilePlus size={14} />}>Add</Button>
        </Group>
      </form>
    </Stack>
  );
}
