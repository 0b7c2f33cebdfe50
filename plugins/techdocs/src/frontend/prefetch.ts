import { getDefaultIdentityManager } from '@atrium/frontend';
import { MISSING_OK_HEADER, SITE_MANIFEST_FILE, techdocsRoutes } from '@atrium/plugin-techdocs/common';

/**
 * A docs URL opened directly (a link, a reload) needs three answers before its article shows: the
 * site's manifest, the page's HTML and the status. The reader would ask for them once its chunk has
 * loaded and React has rendered; here they are asked for as soon as the portal knows it is on a docs
 * route (the route's `load`), all three at once, and the reader's first requests for those URLs take
 * the answers. Kept small: it is part of the portal's main chunk.
 */
/** Asked for before they are known to exist: a missing file is an empty 204, not a 404 in the console. */
export const MISSING_OK = { [MISSING_OK_HEADER]: 'empty' };

/** A prefetched answer's status and text, once it has arrived (read from a clone: the response stays unread). */
export interface PrefetchedAnswer { status: number; text: string }
interface Pending { response: Promise<Response>; at: number; answer?: PrefetchedAnswer; arrived: Promise<void> }
const pending = new Map<string, Pending>();
const FRESH_MS = 10_000;

export interface SiteAddress { namespace: string; kind: string; name: string }

/** The site and page of a `/docs/:namespace/:kind/:name/<page>` path; undefined for other paths. */
export function parseDocsPath(pathname: string): { site: SiteAddress; pagePath: string } | undefined {
  const m = /^\/docs\/([^/]+)\/([^/]+)\/([^/]+)(?:\/(.*))?$/.exec(pathname);
  if (!m) return undefined;
  const [namespace, kind, name, rest = ''] = m.slice(1).map((p) => (p === undefined ? p : decodeURIComponent(p)));
  return { site: { namespace: namespace!, kind: kind!, name: name! }, pagePath: rest };
}

/** The page's path as the manifest spells it (directory URLs end with a slash). */
export const normalizePagePath = (p: string) => (p && !p.endsWith('/') ? `${p}/` : p);

export const docsApiUrls = (site: SiteAddress, pagePath: string) => {
  const staticUrl = (path: string) => `/api/techdocs${techdocsRoutes.static(site.namespace, site.kind, site.name, path)}`;
  const page = normalizePagePath(pagePath);
  return {
    status: `/api/techdocs${techdocsRoutes.status(site.namespace, site.kind, site.name)}`,
    manifest: staticUrl(SITE_MANIFEST_FILE),
    page: staticUrl(`${page}${page === '' || page.endsWith('/') ? 'index.html' : ''}`),
  };
};

/** Starts the requests a docs URL needs; does nothing for other URLs. */
export function prefetchDocs(pathname: string): void {
  const parsed = parseDocsPath(pathname);
  if (!parsed) return;
  const identity = getDefaultIdentityManager();
  const token = identity.getToken();
  const urls = docsApiUrls(parsed.site, parsed.pagePath);
  for (const url of [urls.manifest, urls.page, urls.status]) {
    if (pending.has(url) && Date.now() - pending.get(url)!.at < FRESH_MS) continue;
    const headers = (t: string): Record<string, string> => ({ accept: 'application/json', authorization: `Bearer ${t}`, ...(url !== urls.status && MISSING_OK) });
    const response = token.then((t) => fetch(url, { headers: headers(t) }));
    const entry: Pending = { response, at: Date.now(), arrived: Promise.resolve() };
    entry.arrived = response.then(async (r) => {
      if (r.ok) entry.answer = { status: r.status, text: await r.clone().text() };
    }).catch(() => { /* the reader asks again */ });
    pending.set(url, entry);
  }
}

/**
 * Resolves once the answers `prefetchDocs` asked for have arrived, or after `maxMs`: the docs route
 * waits for them with its code, so the reader's first render has its data (initialData) instead of
 * rendering a loading state and then each answer in turn.
 */
export function docsPrefetched(pathname: string, maxMs: number): Promise<void> {
  const parsed = parseDocsPath(pathname);
  if (!parsed) return Promise.resolve();
  const urls = docsApiUrls(parsed.site, parsed.pagePath);
  const arrivals = [urls.manifest, urls.page, urls.status].map((u) => pending.get(u)?.arrived ?? Promise.resolve());
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([Promise.all(arrivals).then(() => undefined), new Promise<void>((r) => { timer = setTimeout(r, maxMs); })])
    .finally(() => clearTimeout(timer));
}

/**
 * The arrived, successful answer for a prefetched URL, taken once (synchronously, for a query's
 * initialData); undefined when it has not arrived, failed or is stale, and the reader fetches.
 */
export function takePrefetched(url: string): PrefetchedAnswer | undefined {
  const hit = pending.get(url);
  if (!hit?.answer || Date.now() - hit.at >= FRESH_MS) return undefined;
  pending.delete(url);
  return hit.answer;
}

/** Forgets every prefetched answer: a rebuild made them stale. */
export function forgetPrefetched(): void {
  pending.clear();
}

/** `fetch` for the reader: a GET of a prefetched URL takes the prefetched answer (once). */
export const prefetchingFetch: typeof fetch = (input, init) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.pathname + input.search : input.url;
  const hit = pending.get(url);
  if (hit && (!init?.method || init.method === 'GET')) {
    pending.delete(url);
    if (Date.now() - hit.at < FRESH_MS) return hit.response.catch(() => fetch(input, init));
  }
  return fetch(input, init);
};
