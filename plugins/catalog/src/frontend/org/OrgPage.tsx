import { Button, Card, Group, TextInput } from '@mantine/core';
import { EmptyState, ErrorState, LoadingState, Page, useLiveEntityUpdates } from '@atrium/frontend';
import { CATALOG_PLUGIN_ID } from '@atrium/plugin-catalog/common';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ancestorsOf, buildOrgTree, filterOrgTree, type OrgNode } from './orgTree';
import { OrgTreeView } from './OrgTreeView';
import { useAllGroups } from './useAllGroups';

const LIVE_KEYS = [[CATALOG_PLUGIN_ID, 'org']] as const;
const allRefs = (nodes: readonly OrgNode[]): string[] => nodes.flatMap(n => [n.ref, ...allRefs(n.children)]);

/** `/org`: the organisation chart, a tree of groups from the catalog. `?group=` opens it at a group, `?q=` filters. */
export function OrgPage() {
  const groups = useAllGroups();
  useLiveEntityUpdates(LIVE_KEYS);
  const [params, setParams] = useSearchParams();
  const text = params.get('q') ?? '';
  const focus = params.get('group')?.toLocaleLowerCase('en-US');
  const focusRef = focus ? (focus.includes(':') ? focus : `group:default/${focus}`) : undefined;
  const roots = useMemo(() => buildOrgTree(groups.data ?? []), [groups.data]);
  const shown = useMemo(() => filterOrgTree(roots, text), [roots, text]);
  const [expanded, setExpanded] = useState<Set<string>>(new Set());

  // Open the first two levels, and the way down to the group in the URL, once the groups are known.
  useEffect(() => {
    setExpanded(new Set([...roots.flatMap(r => [r.ref, ...r.children.map(c => c.ref)]), ...(focusRef ? ancestorsOf(roots, focusRef) : [])]));
  }, [roots, focusRef]);
  const searching = text.trim().length > 0;
  const visibleExpanded = searching ? new Set(allRefs(shown)) : expanded;
  const toggle = (ref: string) => setExpanded(prev => { const n = new Set(prev); if (n.has(ref)) n.delete(ref); else n.add(ref); return n; });
  const setText = (q: string) => setParams(p => { const n = new URLSearchParams(p); if (q) n.set('q', q); else n.delete('q'); return n; }, { replace: true });

  let body;
  if (groups.isError) body = <ErrorState title="Could not load the groups" error={groups.error} onRetry={() => void groups.refetch()} />;
  else if (!groups.data) body = <LoadingState lines={8} label="Loading the organisation" />;
  else if (roots.length === 0) {
    body = <EmptyState title="No groups in the catalog yet" description="Describe teams as kind: Group entities (with spec.parent and spec.children), or connect an identity provider such as GitHub organisations." />;
  } else if (shown.length === 0) {
    body = <EmptyState title="No group matches" description={`Nothing is named like “${text}”. Try another name or email.`} action={<Button variant="light" onClick={() => setText('')}>Clear the search</Button>} />;
  } else {
    body = <OrgTreeView nodes={shown} expanded={visibleExpanded} onToggle={toggle} highlighted={focusRef} />;
  }

  return (
    <Page title="Organisation" subtitle="Who is who: every team and the groups it belongs to. Open a team to see its members and what it owns.">
      <Card withBorder padding="md">
        <Group mb="sm" justify="space-between" gap="sm">
          <TextInput
            type="search" aria-label="Find a group" placeholder="Find a group by name or email" leftSection={<IconSearch size={16} aria-hidden />}
            value={text} onChange={e => setText(e.currentTarget.value)} style={{ flex: '1 1 260px', maxWidth: 420 }}
          />
          {groups.data && !searching && (
            <Group gap="xs">
              <Button variant="subtle" size="compact-sm" onClick={() => setExpanded(new Set(allRefs(roots)))}>Expand all</Button>
              <Button variant="subtle" size="compact-sm" onClick={() => setExpanded(new Set())}>Collapse all</Button>
            </Group>
          )}
        </Group>
        {body}
      </Card>
    </Page>
  );
}

export default OrgPage;
