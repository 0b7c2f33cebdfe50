import { Alert, Anchor, Badge, Button, Code, Group, Loader, Paper, ScrollArea, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { EntityRefLink, ErrorState, LoadingState, Page, entityRoute } from '@atrium/frontend';
import { useQueryClient } from '@tanstack/react-query';
import { IconCircleCheck, IconCircleDashed, IconCircleX, IconExternalLink, IconPlayerSkipForward, IconPlayerStop, IconRefresh } from '@tabler/icons-react';
import { SCAFFOLDER_PLUGIN_ID, scaffolderRoutes, taskPath, type JsonObject, type StepStatus, type TaskEvent } from '@atrium/plugin-scaffolder/common';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { scaffolderClient, useTask } from './api';
import { useTaskStream } from './useTaskStream';

const STATUS_COLOR: Record<string, string> = { open: 'gray', processing: 'blue', completed: 'teal', failed: 'red', cancelled: 'orange', skipped: 'gray' };

function StepIcon({ status }: { status: StepStatus | undefined }) {
  if (status === 'processing') return <Loader size={18} aria-label="running" />;
  const [Icon, color] = status === 'completed' ? [IconCircleCheck, 'teal'] : status === 'failed' ? [IconCircleX, 'red']
    : status === 'skipped' ? [IconPlayerSkipForward, 'gray'] : status === 'cancelled' ? [IconPlayerStop, 'orange'] : [IconCircleDashed, 'gray'];
  return <ThemeIcon variant="transparent" color={color} size={18} aria-label={status ?? 'waiting'}><Icon size={18} /></ThemeIcon>;
}

function stepStates(events: TaskEvent[]): Map<string, StepStatus> {
  const states = new Map<string, StepStatus>();
  for (const e of events) {
    if (e.body.message === 'Retrying the task from the first step') states.clear();
    if (e.body.stepId && e.body.status) states.set(e.body.stepId, e.body.status as StepStatus);
  }
  return states;
}

function OutputLinks({ output }: { output: JsonObject }) {
  const links = (Array.isArray(output.links) ? output.links : []) as Array<{ title?: string; url?: string; entityRef?: string }>;
  const text = (Array.isArray(output.text) ? output.text : []) as Array<{ title?: string; content?: string }>;
  if (!links.length && !text.length) return null;
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={2} size="h4" mb="sm">Result</Title>
      <Group gap="sm">
        {links.map((l, i) => l.entityRef
          ? <Button key={i} component={Link} to={entityRoute(l.entityRef)} variant="light">{l.title ?? 'Open in catalog'}</Button>
          : l.url ? <Button key={i} component="a" href={l.url} target="_blank" rel="noreferrer" variant="light" rightSection={<IconExternalLink size={14} />}>{l.title ?? l.url}</Button> : null)}
      </Group>
      {text.map((t, i) => <Stack key={i} gap={2} mt="sm"><Text fw={500} size="sm">{t.title}</Text><Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{t.content}</Text></Stack>)}
    </Paper>
  );
}

/** `/create/tasks/:taskId`: a task's steps, its live log, cancel and retry, and what it produced. */
export default function TaskPage() {
  const { taskId = '' } = useParams();
  const stream = useTaskStream(taskId);
  const completion = [...stream.events].reverse().find((e) => e.type === 'completion' || e.body.message === 'Retrying the task from the first step');
  const finished = completion?.type === 'completion';
  const task = useTask(taskId, !finished);
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState<string>();
  const [actionError, setActionError] = useState<string>();
  const logEnd = useRef<HTMLDivElement>(null);
  const states = useMemo(() => stepStates(stream.events), [stream.events]);

  useEffect(() => { logEnd.current?.scrollIntoView?.({ block: 'nearest' }); }, [stream.events.length]);
  useEffect(() => { if (finished) void queryClient.invalidateQueries({ queryKey: [SCAFFOLDER_PLUGIN_ID, 'task', taskId] }); }, [finished, queryClient, taskId]);

  if (task.isLoading) return <Page title="Task"><LoadingState lines={8} label="Loading the task" /></Page>;
  if (task.isError || !task.data) {
    return <Page title="Task"><ErrorState title="Could not load this task" error={task.error} onRetry={() => void task.refetch()} hint={task.error?.status === 404 ? 'No task has this id. Start a new one from the templates list.' : undefined} /></Page>;
  }
  const t = task.data;
  const status = finished ? String(completion?.body.status ?? t.status) : t.status === 'open' || t.status === 'processing' ? t.status : 'processing';
  const act = async (what: 'cancel' | 'retry') => {
    setBusy(what);
    setActionError(undefined);
    try {
      await scaffolderClient.post(taskPath(what === 'cancel' ? scaffolderRoutes.cancel : scaffolderRoutes.retry, taskId), what === 'retry' ? {} : undefined);
      if (what === 'retry') stream.resume();
      await task.refetch();
    } catch (error) {
      setActionError((error as Error).message);
    } finally {
      setBusy(undefined);
    }
  };
  const templateRef = t.spec.templateInfo?.entityRef;
  const failure = finished && completion?.body.status === 'failed' ? completion.body.message : undefined;

  return (
    <Page
      title={(t.spec.templateInfo?.entity?.metadata?.title as string | undefined) ?? templateRef ?? 'Task'}
      documentTitle={`Task ${taskId.slice(0, 8)}`}
      subtitle={<Group gap="xs"><Badge color={STATUS_COLOR[status] ?? 'gray'} aria-label={`status ${status}`}>{status}</Badge>
        <Text size="sm" c="dimmed">Started {new Date(t.createdAt).toLocaleString()}{t.createdBy && <> by <EntityRefLink entityRef={t.createdBy} defaultKind="user" /></>}</Text>
        {templateRef && <Text size="sm" c="dimmed">from <EntityRefLink entityRef={templateRef} defaultKind="template" /></Text>}</Group>}
      actions={<>
        {!finished && <Button color="red" variant="light" leftSection={<IconPlayerStop size={16} />} loading={busy === 'cancel'} onClick={() => void act('cancel')}>Cancel</Button>}
        {finished && status !== 'completed' && <Button leftSection={<IconRefresh size={16} />} loading={busy === 'retry'} onClick={() => void act('retry')}>Retry</Button>}
        <Button variant="default" component={Link} to="/create/tasks">All tasks</Button>
      </>}
    >
      {actionError && <Alert color="red" role="alert" title="That did not work">{actionError}</Alert>}
      {failure && <Alert color="red" role="alert" title="The task failed">{failure}</Alert>}
      {finished && status === 'completed' && t.output && <OutputLinks output={t.output} />}
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
        <Paper withBorder p="md" radius="md">
          <Title order={2} size="h4" mb="sm">Steps</Title>
          <Stack gap="xs" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="Steps">
            {t.spec.steps.map((s) => (
              <Group component="li" key={s.id} gap="xs" wrap="nowrap" aria-label={`${s.name}: ${states.get(s.id) ?? 'waiting'}`}>
                <StepIcon status={states.get(s.id)} />
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>{s.name}</Text>
              </Group>
            ))}
          </Stack>
        </Paper>
        <Paper withBorder p="md" radius="md" style={{ gridColumn: 'span 2' }}>
          <Group justify="space-between" mb="sm">
            <Title order={2} size="h4">Log</Title>
            {!finished && <Text size="xs" c="dimmed">{stream.connected ? 'live' : 'connecting…'}</Text>}
          </Group>
          <ScrollArea.Autosize mah={480} type="auto">
            <Code block aria-label="Task log" aria-live="polite" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {stream.events.length === 0 ? 'Waiting for the first step…' : stream.events.map((e) =>
                `${new Date(e.createdAt).toLocaleTimeString()} ${e.body.stepId ? `[${e.body.stepId}] ` : ''}${e.body.message}`).join('\n')}
            </Code>
            <div ref={logEnd} />
          </ScrollArea.Autosize>
        </Paper>
      </SimpleGrid>
      {templateRef && finished && <Text size="sm"><Anchor component={Link} to={`/create/templates/${templateRef.split(':')[1]?.split('/')[0] ?? 'default'}/${templateRef.split('/')[1] ?? ''}`}>Run this template again</Anchor></Text>}
    </Page>
  );
}
