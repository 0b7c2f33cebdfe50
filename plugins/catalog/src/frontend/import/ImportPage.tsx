import { Anchor, Button, Card, Code, List, Stack, Text, TextInput, Title } from '@mantine/core';
import { Page, createApiClient, useApiMutation, useApiQuery } from '@atrium/frontend';
import { CATALOG_PLUGIN_ID, catalogRoutes, type AddLocationResponse, type ImportPreviewResponse } from '@atrium/plugin-catalog/common';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ImportPreview } from './ImportPreview';
import { ImportResult } from './ImportResult';

const client = createApiClient(CATALOG_PLUGIN_ID);

/**
 * `/catalog-import` (Backstage's path): paste a descriptor or repository URL, see what would be imported
 * and what is wrong with it, then register it. The URL being analysed is in the address (`?url=`).
 */
export function ImportPage() {
  const [params, setParams] = useSearchParams();
  const url = params.get('url') ?? '';
  const [draft, setDraft] = useState(url);
  const preview = useApiQuery([CATALOG_PLUGIN_ID, 'import-preview', url], signal =>
    client.post<ImportPreviewResponse>(catalogRoutes.importPreview, { url }, { signal }), { enabled: Boolean(url), staleTime: 0, retry: false });
  const register = useApiMutation((target: string) => client.post<AddLocationResponse>(catalogRoutes.locations, { type: 'url', target }));

  const analyze = (e: React.FormEvent) => {
    e.preventDefault();
    const next = draft.trim();
    register.reset();
    if (next === url) void preview.refetch();
    else setParams(next ? { url: next } : {});
  };
  const invalid = draft.trim() !== '' && !/^https?:\/\/\S+$/i.test(draft.trim());

  return (
    <Page
      title="Register an existing component"
      subtitle="Add software that already has a catalog-info.yaml (or a repository holding one) to the catalog. The catalog keeps it up to date from then on."
    >
      <Card withBorder padding="lg" component="form" onSubmit={analyze} aria-label="Location to register">
        <Stack gap="sm">
          <TextInput
            label="Descriptor or repository URL" required value={draft} onChange={e => setDraft(e.currentTarget.value)}
            placeholder="https://git.example.com/acme/web/blob/main/catalog-info.yaml"
            description={<>A file such as <Code>…/blob/main/catalog-info.yaml</Code>, a folder (<Code>…/tree/main/services/api</Code>) or a repository (<Code>https://git.example.com/acme/web</Code>).</>}
            error={invalid ? 'Enter an http:// or https:// URL' : undefined} autoComplete="url" inputMode="url"
          />
          <Button type="submit" w="fit-content" leftSection={<IconSearch size={16} aria-hidden />} loading={preview.isFetching} disabled={!draft.trim() || invalid}>
            Analyze
          </Button>
        </Stack>
      </Card>
      {url && !register.data && (
        <ImportPreview
          preview={preview} onRegister={target => register.mutate(target)} registering={register.isPending} registerError={register.error}
        />
      )}
      {register.data && preview.data && <ImportResult preview={preview.data} onAnother={() => { register.reset(); setDraft(''); setParams({}); }} />}
      {!url && (
        <Card withBorder padding="lg">
          <Title order={2} size="h5" mb="xs">What happens</Title>
          <List size="sm" spacing={4}>
            <List.Item>The catalog reads the file and shows the entities in it, and any problems with file and line.</List.Item>
            <List.Item>Registering keeps the location: the catalog re-reads it on its schedule, so edits in the repository show up here.</List.Item>
            <List.Item>To remove it again, open one of its entities and choose <Text span inherit fw={600}>Unregister entity</Text>. Problems of every entity are listed on the <Anchor component={Link} to="/catalog-errors">catalog errors</Anchor> page.</List.Item>
          </List>
        </Card>
      )}
    </Page>
  );
}

export default ImportPage;
