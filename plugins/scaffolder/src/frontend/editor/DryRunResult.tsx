import { Alert, Code, Group, NavLink, ScrollArea, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconFile } from '@tabler/icons-react';
import type { DryRunResponse } from '@atrium/plugin-scaffolder/common';
import { useState } from 'react';
import { fromBase64 } from './parseTemplate';

function decode(b64: string): string {
  try {
    return fromBase64(b64);
  } catch {
    return '(binary file)';
  }
}

/** The dry run's outcome: the files the template produced, its log and its output. */
export function DryRunResult({ result }: { result: DryRunResponse & { failed?: { stepId: string; message: string } } }) {
  const [selected, setSelected] = useState(result.directoryContents[0]?.path);
  const file = result.directoryContents.find((f) => f.path === selected);
  const content = file ? decode(file.base64Content) : '';
  return (
    <Stack gap="md">
      {result.failed
        ? <Alert color="red" role="alert" title={`Step ${result.failed.stepId || '?'} failed`}>{result.failed.message}</Alert>
        : <Alert color="teal" title="Dry run completed">Nothing was published: actions such as publish:* and catalog:register were skipped.</Alert>}
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <Stack gap={2} aria-label="Produced files">
          <Title order={3} size="h5">Files ({result.directoryContents.length})</Title>
          {result.directoryContents.length === 0 && <Text size="sm" c="dimmed">No files were written.</Text>}
          {result.directoryContents.map((f) => <NavLink key={f.path} label={f.path} leftSection={<IconFile size={14} />} active={f.path === selected} onClick={() => setSelected(f.path)} />)}
        </Stack>
        <ScrollArea.Autosize mah={360} style={{ gridColumn: 'span 2' }}>
          {file && <Code block aria-label={`Contents of ${file.path}`} style={{ whiteSpace: 'pre-wrap' }}>{content}</Code>}
        </ScrollArea.Autosize>
      </SimpleGrid>
      <Stack gap={4}>
        <Title order={3} size="h5">Log</Title>
        <Code block aria-label="Dry-run log" style={{ whiteSpace: 'pre-wrap' }}>{result.log.map((l) => `${l.body.stepId ? `[${l.body.stepId}] ` : ''}${l.body.message}`).join('\n')}</Code>
      </Stack>
      {Object.keys(result.output).length > 0 && (
        <Group gap={4} align="flex-start"><Text size="sm" fw={500}>Output</Text><Code block style={{ flex: 1 }}>{JSON.stringify(result.output, null, 2)}</Code></Group>
      )}
    </Stack>
  );
}
