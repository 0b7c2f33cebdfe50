import { Anchor, Box, Button, Collapse, Group, ScrollArea, Stack, Text, Tooltip } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { IconEdit, IconGitCommit, IconList, IconPrinter } from '@tabler/icons-react';
import { EmptyState, ErrorState, LoadingState } from '@atrium/frontend';
import { useRef } from 'react';
import { usePageHtml, usePrefetchPage, useSiteManifest, useSiteStatus, type SiteRef } from './api';
import { BuildFailure, BuildProgress } from './BuildStatus';
import { DocArticle } from './DocArticle';
import { issueTrackerFor } from './issueLink';
import { NavTree } from './NavTree';
import { normalizePagePath } from './prefetch';
import { ReportIssue } from './ReportIssue';
import { SiteSearchBox } from './SiteSearchBox';
import { timeAgo } from './timeAgo';
import { TocPanel } from './TocPanel';
import { useSync } from './useSync';

export interface DocsReaderProps {
  site: SiteRef;
  /** Site-relative page path (`''`, `guide/install/`). */
  pagePath: string;
  hash: string;
  onNavigate: (path: string, hash?: string) => void;
  /** The tab shows the site's name; the /docs page has it as its title already. */
  showSiteName?: boolean;
}

/** The docs reader: site nav, the page, its table of contents, in-site search, edit and report-issue links. */
export function DocsReader({ site, pagePath, hash, onNavigate, showSiteName = false }: DocsReaderProps) {
  const sync = useSync(site);
  const status = useSiteStatus(site, sync.buildKey);
  const manifest = useSiteManifest(site, sync.buildKey);
  const normalized = normalizePagePath(pagePath);
  const page = manifest.data?.pages.find((p) => p.path === normalized);
  // The page is asked for with the manifest, not after it; once the manifest is known, only if it has the page.
  const html = usePageHtml(site, manifest.data === undefined || page ? normalized : undefined, sync.buildKey);
  const prefetchPage = usePrefetchPage(site, sync.buildKey);
  const articleRef = useRef<HTMLElement | null>(null);
  // On a narrow screen the nav sits above the page, folded away until asked for.
  const wide = useMediaQuery('(min-width: 62em)', true);
  const [navOpen, nav] = useDisclosure(false);

  if (status.isError) return <ErrorState title="Could not load these docs" error={status.error} onRetry={() => void status.refetch()} />;
  if (manifest.isPending) return sync.building ? <BuildProgress log={sync.log} /> : <LoadingState label="Loading the docs…" />;
  if (manifest.isError) return <ErrorState title="Could not load these docs" error={manifest.error} onRetry={() => void manifest.refetch()} />;
  const m = manifest.data;
  if (!m && status.isPending) return <LoadingState label="Loading the docs…" />;
  if (!m) {
    if (sync.building) return <BuildProgress log={sync.log} />;
    if (sync.error || status.data?.lastFailure) return <BuildFailure status={status.data} error={sync.error} />;
    return <EmptyState title="No docs built yet" description="The docs are built the first time they are opened. Reload in a moment, or publish them from CI with atrium docs publish." />;
  }
  const tracker = issueTrackerFor(m.repoUrl);
  const navTree = (
    <ScrollArea.Autosize mah={wide ? 'calc(100vh - 160px)' : undefined} type="auto">
      <NavTree items={m.nav} current={page?.path ?? normalized} onNavigate={(p) => { nav.close(); onNavigate(p); }} onIntent={prefetchPage} />
    </ScrollArea.Autosize>
  );
  const jump = (id: string) => onNavigate(page?.path ?? '', id);

  return (
    <Stack gap="md">
      {sync.building && <BuildProgress log={sync.log} />}
      <BuildFailure status={status.data} error={sync.error && status.data?.current ? undefined : sync.error} />
      <Group justify="space-between" wrap="wrap" gap="sm" className="techdocs-toolbar">
        <Group gap="xs" wrap="wrap">
          {showSiteName && <Text fw={600}>{m.siteName}</Text>}
          <Tooltip label={new Date(m.buildTimestamp).toLocaleString()}>
            <Text size="sm" c="dimmed" data-testid="techdocs-updated">
              Last updated {timeAgo(m.buildTimestamp)}
              {m.commit && <> from commit {m.repoUrl && /github|gitlab/.test(m.repoUrl)
                ? <Anchor href={`${m.repoUrl}/commit/${m.commit}`} target="_blank" rel="noopener noreferrer" size="sm"><IconGitCommit size={14} style={{ verticalAlign: 'middle' }} />{m.commit.slice(0, 7)}</Anchor>
                : <code>{m.commit.slice(0, 7)}</code>}</>}
            </Text>
          </Tooltip>
        </Group>
        <Group gap="xs">
          <SiteSearchBox site={site} buildKey={sync.buildKey} onPick={(location) => { const [p = '', h = ''] = location.split('#'); onNavigate(p, h); }} />
          <Tooltip label="Print this page"><Button variant="default" size="sm" onClick={() => window.print()} aria-label="Print this page"><IconPrinter size={16} /></Button></Tooltip>
        </Group>
      </Group>
      <Box style={{ display: 'grid', gap: 'var(--mantine-spacing-xl)', gridTemplateColumns: 'minmax(0, 1fr)' }} className="techdocs-layout">
        <Box component="nav" aria-label="Docs navigation" className="techdocs-nav">
          {!wide && <Button variant="default" size="sm" fullWidth leftSection={<IconList size={16} />} onClick={nav.toggle} aria-expanded={navOpen}>{navOpen ? 'Hide pages' : 'Browse pages'}</Button>}
          {/* Folding is for narrow screens only: on a wide one the Collapse's own state updates would render the nav twice more before the page shows. */}
          {wide ? navTree : <Collapse expanded={navOpen}>{navTree}</Collapse>}
        </Box>
        <Box miw={0}>
          {!page && <EmptyState title="Page not found" description={`“${pagePath}” is not a page of ${m.siteName}. It may have been renamed; pick a page from the navigation.`} action={<Button variant="light" onClick={() => onNavigate('')}>Go to the home page</Button>} />}
          {page && html.isPending && <LoadingState label="Loading the page…" />}
          {page && html.isError && <ErrorState title="Could not load this page" error={html.error} onRetry={() => void html.refetch()} />}
          {page && html.data !== undefined && (
            <>
              <DocArticle site={site} pagePath={page.path} html={html.data} hash={hash} onNavigate={onNavigate} articleRef={articleRef} />
              {tracker && <ReportIssue container={articleRef} tracker={tracker} pageTitle={page.title} siteName={m.siteName} />}
              {page.editUrl && (
                <Group mt="xl" className="techdocs-page-footer">
                  <Anchor href={page.editUrl} target="_blank" rel="noopener noreferrer" size="sm" data-testid="techdocs-edit-link">
                    <IconEdit size={14} style={{ verticalAlign: 'middle' }} /> Edit this page
                  </Anchor>
                  {tracker && <Text size="xs" c="dimmed">Spotted a mistake? Select the text and choose “Report an issue”.</Text>}
                </Group>
              )}
            </>
          )}
        </Box>
        {page && <Box className="techdocs-side"><Box style={{ position: 'sticky', top: 80 }}><TocPanel toc={page.toc} onJump={jump} contentKey={`${page.path}:${html.dataUpdatedAt}`} /></Box></Box>}
      </Box>
    </Stack>
  );
}
