import { useQueryClient } from '@tanstack/react-query';
import { createApiClient, getDefaultIdentityManager, useApiQuery } from '@atrium/frontend';
import type { Entity } from '@atrium/model';
import { CATALOG_PLUGIN_ID, catalogRoutes, type QueryEntitiesResponse } from '@atrium/plugin-catalog/common';
import {
  SEARCH_INDEX_FILE, SITE_MANIFEST_FILE, TECHDOCS_PLUGIN_ID, TECHDOCS_REF_ANNOTATION, techdocsRoutes,
  type SearchIndex, type SiteManifest, type SiteStatus, type SiteSummary,
} from '@atrium/plugin-techdocs/common';
import { docsApiUrls, MISSING_OK, prefetchingFetch, takePrefetched } from './prefetch';

// The reader's first requests take what the docs route prefetched (see prefetch.ts).
const client = createApiClient(TECHDOCS_PLUGIN_ID, { fetch: prefetchingFetch });
const catalog = createApiClient(CATALOG_PLUGIN_ID);

export interface SiteRef { namespace: string; kind: string; name: string }
export const refString = (s: SiteRef) => `${s.kind}:${s.namespace}/${s.name}`.toLocaleLowerCase('en-US');
const staticPath = (s: SiteRef, path: string) => techdocsRoutes.static(s.namespace, s.kind, s.name, path);

/**
 * The site's nav, pages and build facts; `null` when it has not been built yet. Asked for at once, in
 * parallel with the status and the page, not after the status: that wait was a round trip on every
 * docs page opened (a site never built answers 404 once).
 */
export function useSiteManifest(site: SiteRef, buildKey: number) {
  return useApiQuery([TECHDOCS_PLUGIN_ID, 'manifest', refString(site), buildKey], async (signal) =>
    (await client.get<SiteManifest | undefined>(staticPath(site, SITE_MANIFEST_FILE), { signal, headers: MISSING_OK })) ?? null,
  { staleTime: 60_000, initialData: () => prefetchedJson<SiteManifest | null>(docsApiUrls(site, '').manifest, null) });
}

/** A prefetched JSON answer as a query's initial data (`empty` for a 204); undefined when there is none. */
function prefetchedJson<T>(url: string, empty: T): T | undefined {
  const answer = takePrefetched(url);
  if (!answer) return undefined;
  return answer.status === 204 || !answer.text ? empty : (JSON.parse(answer.text) as T);
}

const pageKey = (site: SiteRef, pagePath: string | undefined, buildKey: number) => [TECHDOCS_PLUGIN_ID, 'page', refString(site), pagePath ?? '', buildKey];

async function pageArticle(site: SiteRef, pagePath: string, signal?: AbortSignal): Promise<string> {
  return articleOf(await fetchText(docsApiUrls(site, pagePath).page, signal));
}

function articleOf(html: string): string {
  const start = html.indexOf('<article class="techdocs-content">');
  const end = html.lastIndexOf('</article>');
  return start >= 0 && end > start ? html.slice(start + '<article class="techdocs-content">'.length, end) : '';
}

/** The article of one page (the part the reader shows), fetched as HTML. */
export function usePageHtml(site: SiteRef, pagePath: string | undefined, buildKey: number) {
  return useApiQuery(pageKey(site, pagePath, buildKey), (signal) => pageArticle(site, pagePath ?? '', signal), {
    enabled: pagePath !== undefined, staleTime: 60_000,
    initialData: () => {
      if (pagePath === undefined) return undefined;
      const answer = takePrefetched(docsApiUrls(site, pagePath).page);
      return answer && articleOf(answer.status === 204 ? '' : answer.text);
    },
  });
}

/** Fetches a page the reader is likely to open next (its nav link is pointed at), once. */
export function usePrefetchPage(site: SiteRef, buildKey: number) {
  const queryClient = useQueryClient();
  return (pagePath: string) => void queryClient.prefetchQuery({ queryKey: pageKey(site, pagePath, buildKey), queryFn: ({ signal }) => pageArticle(site, pagePath, signal), staleTime: 60_000 });
}

export function useSearchIndex(site: SiteRef, enabled: boolean, buildKey: number) {
  return useApiQuery([TECHDOCS_PLUGIN_ID, 'search-index', refString(site), buildKey], (signal) =>
    client.get<SearchIndex>(staticPath(site, SEARCH_INDEX_FILE), { signal }), { enabled, staleTime: 5 * 60_000 });
}

export function useSiteStatus(site: SiteRef, buildKey: number) {
  return useApiQuery([TECHDOCS_PLUGIN_ID, 'status', refString(site), buildKey], (signal) =>
    client.get<SiteStatus>(techdocsRoutes.status(site.namespace, site.kind, site.name), { signal }),
  { initialData: () => prefetchedJson<SiteStatus | undefined>(docsApiUrls(site, '').status, undefined) });
}

/** Every entity with docs (the annotation), with what the index page filters by. */
export function useDocumentedEntities() {
  return useApiQuery([TECHDOCS_PLUGIN_ID, 'documented-entities'], async (signal) => {
    const [entities, sites] = await Promise.all([
      catalog.get<QueryEntitiesResponse>(catalogRoutes.entitiesByQuery, {
        query: {
          filter: `metadata.annotations.${TECHDOCS_REF_ANNOTATION}`, limit: 500, orderField: 'metadata.name,asc',
          fields: 'kind,metadata.name,metadata.namespace,metadata.title,metadata.description,spec.owner,spec.type',
        },
        signal,
      }),
      client.get<{ items: SiteSummary[] }>(techdocsRoutes.sites, { signal }),
    ]);
    const built = new Map(sites.items.map((s) => [s.entityRef, s]));
    return entities.items.map((entity: Entity) => {
      const ref = `${entity.kind}:${entity.metadata.namespace ?? 'default'}/${entity.metadata.name}`.toLocaleLowerCase('en-US');
      return { entity, ref, site: built.get(ref) };
    });
  });
}

async function fetchText(url: string, signal: AbortSignal | undefined): Promise<string> {
  const identity = getDefaultIdentityManager();
  const send = async () => prefetchingFetch(url, { headers: { authorization: `Bearer ${await identity.getToken()}`, ...MISSING_OK }, signal });
  let r = await send();
  if (r.status === 401) { identity.invalidate(); r = await send(); }
  if (r.status === 204) return ''; // not a page of the site: the manifest, asked for at the same time, says so
  if (!r.ok) throw Object.assign(new Error(r.status === 404 ? 'This page is not part of the built docs' : `Loading the page failed (${r.status})`), { status: r.status });
  return r.text();
}

/** Images of a page come from the API, which needs the token: they are fetched and shown as blob URLs. */
export async function fetchBlobUrl(site: SiteRef, path: string, signal: AbortSignal): Promise<string | undefined> {
  const identity = getDefaultIdentityManager();
  const r = await fetch(`/api/techdocs${staticPath(site, path)}`, { headers: { authorization: `Bearer ${await identity.getToken()}` }, signal }).catch(() => undefined);
  return r?.ok ? URL.createObjectURL(await r.blob()) : undefined;
}

export type SyncMessage = { type: 'log'; message: string } | { type: 'error'; message: string } | { type: 'finish'; updated: boolean };

/** Opens the sync stream: the backend rebuilds when the source changed and streams its progress. */
export async function syncSite(site: SiteRef, onMessage: (m: SyncMessage) => void, signal: AbortSignal): Promise<void> {
  const identity = getDefaultIdentityManager();
  const r = await fetch(`/api/techdocs${techdocsRoutes.sync(site.namespace, site.kind, site.name)}`, {
    headers: { accept: 'text/event-stream', authorization: `Bearer ${await identity.getToken()}` }, signal,
  });
  if (!r.ok || !r.body) throw new Error(`Checking for newer docs failed (${r.status})`);
  const reader = r.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    const blocks = buffer.split('\n\n');
    buffer = blocks.pop() ?? '';
    for (const block of blocks) {
      const type = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (!type || data === undefined) continue;
      const parsed = JSON.parse(data) as unknown;
      if (type === 'finish') onMessage({ type, updated: Boolean((parsed as { updated?: boolean }).updated) });
      else if (type === 'log' || type === 'error') onMessage({ type, message: String(parsed) });
    }
  }
}
