import { Alert, Autocomplete, Fieldset, Select, SimpleGrid, Text, TextInput } from '@mantine/core';
import { formatRepoUrl, parseRepoUrl, type RepoUrlParts } from '@atrium/plugin-scaffolder/common';
import { useEffect, useMemo, useRef } from 'react';
import { useIntegrations } from '../api';
import { fieldError, type ScaffolderFieldProps } from './fieldProps';

/** The parts filled in so far: unlike `parseRepoUrl`, a value without a repo yet is fine. */
function parse(value: unknown): Partial<RepoUrlParts> {
  if (typeof value !== 'string' || !value) return {};
  try {
    if (value.includes('repo=')) return parseRepoUrl(value);
    const { repo: _placeholder, ...rest } = parseRepoUrl(`${value}${value.includes('?') ? '&' : '?'}repo=-`);
    return rest;
  } catch {
    return { host: value.split('?')[0] };
  }
}

/** `127.0.0.1:*` matches `127.0.0.1:3000`; `*.example.com` matches `git.example.com`. */
function matches(pattern: string, host: string): boolean {
  const re = new RegExp(`^${pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]+')}$`, 'i');
  return re.test(host);
}

/** Host, owner and repository of a new repository, as `<host>?owner=<o>&repo=<r>`. */
export function RepoUrlPicker(props: ScaffolderFieldProps) {
  const integrations = useIntegrations();
  const parts = parse(props.value);
  // The three inputs change one after another faster than the form re-renders with the new value,
  // so each change builds on the latest parts, not on the last rendered value.
  const latest = useRef(parts);
  useEffect(() => { latest.current = parse(props.value); }, [props.value]);
  const allowedHosts: string[] | undefined = props.uiOptions.allowedHosts;
  const hosts = useMemo(() => {
    const configured = (integrations.data ?? []).map((i) => i.host);
    return allowedHosts?.length ? allowedHosts.filter((h) => configured.includes(h) || configured.length === 0) : configured;
  }, [integrations.data, allowedHosts]);
  const patterns = hosts.filter((h) => h.includes('*'));
  const fixed = hosts.filter((h) => !h.includes('*'));
  const set = (patch: Partial<RepoUrlParts>) => {
    const next = { ...latest.current, ...patch };
    latest.current = next;
    props.onChange(next.host || next.owner || next.repo ? formatRepoUrl(next) : undefined);
  };
  // With a single possible host there is nothing to choose: preselect it.
  useEffect(() => {
    if (!parts.host && hosts.length === 1 && !hosts[0]!.includes('*')) set({ host: hosts[0] });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [hosts.join()]);

  const owners: string[] | undefined = props.uiOptions.allowedOwners ?? props.uiOptions.allowedOrganizations;
  const repos: string[] | undefined = props.uiOptions.allowedRepos;
  const error = fieldError(props);
  return (
    <Fieldset legend={<Text fw={500} size="sm">{props.label}{props.required && <Text span c="red"> *</Text>}</Text>} variant="unstyled">
      {props.description && <Text size="xs" c="dimmed" mb="xs">{props.description}</Text>}
      {integrations.isSuccess && hosts.length === 0 && (
        <Alert color="yellow" mb="xs" title="No git host is configured">
          Add a git server under <code>integrations.git</code> (or GitHub under <code>integrations.github</code>) in the portal's config to publish
          repositories. You can still fill the form and try the template in the editor's dry run.
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        {patterns.length || hosts.length === 0
          // A configured pattern (`*.git.example.com`, `127.0.0.1:*`) admits hosts nobody can list: type one.
          ? <Autocomplete id={`${props.id}-host`} label="Host" data={fixed} value={parts.host ?? ''} onChange={(h) => set({ host: h.trim() || undefined })}
            description={patterns.length ? `Matching ${patterns.join(', ')}` : undefined} required={props.required} disabled={props.disabled} placeholder="git.example.com"
            error={parts.host && patterns.length && !fixed.includes(parts.host) && !patterns.some((p) => matches(p, parts.host!)) ? 'Not a configured git host' : undefined} />
          : <Select id={`${props.id}-host`} label="Host" data={hosts} value={parts.host ?? null} onChange={(h) => set({ host: h ?? undefined })}
            required={props.required} disabled={props.disabled} placeholder={integrations.isLoading ? 'Loading hosts…' : 'Choose a host'} />}
        {owners?.length
          ? <Select id={`${props.id}-owner`} label="Owner" data={owners} value={parts.owner ?? null} onChange={(o) => set({ owner: o ?? undefined })} required />
          : <TextInput id={`${props.id}-owner`} label="Owner" description="Organisation or user" value={parts.owner ?? ''} onChange={(e) => set({ owner: e.currentTarget.value.trim() || undefined })} required disabled={props.disabled} />}
        {repos?.length
          ? <Autocomplete id={`${props.id}-repo`} label="Repository" data={repos} value={parts.repo ?? ''} onChange={(r) => set({ repo: r.trim() || undefined })} required />
          : <TextInput id={`${props.id}-repo`} label="Repository" value={parts.repo ?? ''} onChange={(e) => set({ repo: e.currentTarget.value.trim() || undefined })} required disabled={props.disabled} />}
      </SimpleGrid>
      {error && <Text c="red" size="xs" mt={4} role="alert">{error}</Text>}
    </Fieldset>
  );
}
