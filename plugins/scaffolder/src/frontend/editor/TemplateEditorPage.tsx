import { Alert, Anchor, Button, Grid, Group, Paper, Select, Stack, Tabs, Text } from '@mantine/core';
import { Page } from '@atrium/frontend';
import { yaml } from '@codemirror/lang-yaml';
import { useComputedColorScheme } from '@mantine/core';
import CodeMirror from '@uiw/react-codemirror';
import { IconRestore } from '@tabler/icons-react';
import type { JsonObject } from '@atrium/plugin-scaffolder/common';
import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { stringify } from 'yaml';
import { catalogClient, useDryRun, useTemplates } from '../api';
import { MultiStepForm } from '../form/MultiStepForm';
import { DryRunResult } from './DryRunResult';
import { FileList, type EditorFile } from './FileList';
import { parseTemplate, toBase64 } from './parseTemplate';
import { SAMPLE_FILES, SAMPLE_TEMPLATE } from './sampleTemplate';

const DRAFT_KEY = 'atrium.scaffolder.editorDraft';
interface Draft { yaml: string; files: EditorFile[] }

function loadDraft(): Draft {
  try {
    const d = JSON.parse(localStorage.getItem(DRAFT_KEY) ?? 'null') as Draft | null;
    if (d && typeof d.yaml === 'string' && Array.isArray(d.files)) return d;
  } catch { /* a broken draft falls back to the sample */ }
  return { yaml: SAMPLE_TEMPLATE, files: SAMPLE_FILES };
}

/**
 * `/create/edit`: edit a template's YAML and files in the browser, see the form it makes, and dry-run
 * it to see the files and log it produces. Nothing is published; the draft stays in this browser.
 */
export default function TemplateEditorPage() {
  const [draft, setDraft] = useState<Draft>(loadDraft);
  const [selected, setSelected] = useState('template.yaml');
  const [formData, setFormData] = useState<JsonObject>({});
  const [step, setStep] = useState(0);
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'form';
  const scheme = useComputedColorScheme('light');
  const dryRun = useDryRun();
  const templates = useTemplates();
  const [loadError, setLoadError] = useState<string>();
  const parsed = useMemo(() => parseTemplate(draft.yaml), [draft.yaml]);

  useEffect(() => { localStorage.setItem(DRAFT_KEY, JSON.stringify(draft)); }, [draft]);

  const fromCatalog = async (ref: string | null) => {
    if (!ref) return;
    setLoadError(undefined);
    const [ns, name] = ref.split('/');
    try {
      const entity = await catalogClient.get<Record<string, unknown>>(`/entities/by-name/template/${ns}/${name}`);
      const { relations: _r, status: _s, ...rest } = entity;
      const metadata = { ...(rest.metadata as Record<string, unknown>) };
      for (const k of ['uid', 'etag', 'annotations']) delete metadata[k];
      setDraft({ yaml: stringify({ ...rest, metadata }), files: [] });
      setSelected('template.yaml');
      setFormData({});
      setStep(0);
    } catch (error) {
      setLoadError((error as Error).message);
    }
  };

  const current = selected === 'template.yaml' ? draft.yaml : draft.files.find((f) => f.path === selected)?.content ?? '';
  const edit = (value: string) => setDraft((d) => selected === 'template.yaml' ? { ...d, yaml: value } : { ...d, files: d.files.map((f) => (f.path === selected ? { ...f, content: value } : f)) });
  const run = (values: JsonObject, secrets: Record<string, string>) => {
    if (!parsed.ok) return;
    dryRun.mutate({ template: parsed.template, values, secrets, directoryContents: draft.files.map((f) => ({ path: f.path, base64Content: toBase64(f.content) })) });
    setParams({ tab: 'result' }, { replace: true });
  };
  // The message lists each problem as `path: message`, joined with "; ".
  const problems = dryRun.error?.status === 400 ? dryRun.error.message.split('; ') : undefined;

  return (
    <Page title="Template editor" subtitle="Edit a template and its files, fill its form and dry-run it. Nothing is published or registered."
      eyebrow={<Anchor component={Link} to="/create" size="sm">← Create</Anchor>}
      actions={<>
        <Select aria-label="Load a template from the catalog" placeholder="Load from the catalog…" searchable clearable w={240}
          data={(templates.data ?? []).map((t) => ({ value: `${t.metadata.namespace ?? 'default'}/${t.metadata.name}`, label: t.metadata.title ?? t.metadata.name }))}
          onChange={(v) => void fromCatalog(v)} />
        <Button variant="default" leftSection={<IconRestore size={16} />} onClick={() => { setDraft({ yaml: SAMPLE_TEMPLATE, files: SAMPLE_FILES }); setSelected('template.yaml'); }}>Start over</Button>
      </>}>
      {loadError && <Alert color="red" role="alert" title="Could not load the template">{loadError}</Alert>}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Paper withBorder radius="md" p="sm">
            <Grid gap="xs">
              <Grid.Col span={{ base: 12, md: 4 }}>
                <FileList files={draft.files} selected={selected} onSelect={setSelected}
                  onAdd={(path) => { setDraft((d) => ({ ...d, files: [...d.files, { path, content: '' }] })); setSelected(path); }}
                  onDelete={(path) => { setDraft((d) => ({ ...d, files: d.files.filter((f) => f.path !== path) })); setSelected('template.yaml'); }} />
                {draft.files.length === 0 && <Text size="xs" c="dimmed" mt="xs">Templates loaded from the catalog come without their files: add the skeleton files fetch steps read (e.g. skeleton/README.md).</Text>}
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 8 }}>
                <CodeMirror value={current} onChange={edit} extensions={selected.endsWith('.yaml') || selected.endsWith('.yml') ? [yaml()] : []}
                  theme={scheme === 'dark' ? 'dark' : 'light'} height="520px" aria-label={`Editing ${selected}`} basicSetup={{ tabSize: 2 }} />
              </Grid.Col>
            </Grid>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Tabs value={tab} onChange={(v) => setParams(v ? { tab: v } : {}, { replace: true })}>
            <Tabs.List>
              <Tabs.Tab value="form">Form preview</Tabs.Tab>
              <Tabs.Tab value="result">Dry-run result</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="form" pt="md">
              {parsed.ok
                ? <MultiStepForm steps={parsed.steps} formData={formData} step={step} onChange={(d, s) => { setFormData(d); setStep(s); }} onCreate={run}
                  creating={dryRun.isPending} createLabel="Dry run" />
                : <Alert color="red" role="alert" title="The YAML cannot be read">{parsed.error}</Alert>}
            </Tabs.Panel>
            <Tabs.Panel value="result" pt="md">
              <Stack>
                {!dryRun.data && !dryRun.error && !dryRun.isPending && <Text c="dimmed">Fill the form preview and press Dry run to see the files and log the template produces.</Text>}
                {dryRun.isPending && <Text>Running…</Text>}
                {dryRun.error && (
                  <Alert color="red" role="alert" title="The template cannot run">
                    {problems ? <Stack gap={2}>{problems.map((p, i) => <Text key={i} size="sm">{p}</Text>)}</Stack> : dryRun.error.message}
                  </Alert>
                )}
                {dryRun.data && !dryRun.isPending && <DryRunResult result={dryRun.data} />}
                <Group><Button variant="light" onClick={() => setParams({ tab: 'form' }, { replace: true })}>Back to the form</Button></Group>
              </Stack>
            </Tabs.Panel>
          </Tabs>
        </Grid.Col>
      </Grid>
    </Page>
  );
}
