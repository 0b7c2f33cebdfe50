import type { BuildWarning } from './types.js';

/** Routes under `/api/techdocs` (Backstage-compatible where Backstage has one). */
export const techdocsRoutes = {
  /** GET: a built file of the site, e.g. `.../guide/index.html`, `.../search/search_index.json`. */
  static: (ns: string, kind: string, name: string, path = '') =>
    `/static/docs/${enc(ns)}/${enc(kind)}/${enc(name)}/${path}`,
  /** GET: `techdocs_metadata.json` of the current build. */
  metadata: (ns: string, kind: string, name: string) => `/metadata/techdocs/${enc(ns)}/${enc(kind)}/${enc(name)}`,
  /** GET: the entity plus `locationMetadata`. */
  entity: (ns: string, kind: string, name: string) => `/metadata/entity/${enc(ns)}/${enc(kind)}/${enc(name)}`,
  /** GET (text/event-stream): rebuilds when stale; events `log`, `error`, `finish`. */
  sync: (ns: string, kind: string, name: string) => `/sync/${enc(ns)}/${enc(kind)}/${enc(name)}`,
  /** GET: the site's state: current build, last failure. */
  status: (ns: string, kind: string, name: string) => `/status/${enc(ns)}/${enc(kind)}/${enc(name)}`,
  /** POST (service or user token): upload a build made elsewhere (`atrium docs publish`). */
  publish: (ns: string, kind: string, name: string) => `/publish/${enc(ns)}/${enc(kind)}/${enc(name)}`,
  /** GET: every site with a successful build. */
  sites: '/sites',
} as const;

/** Request header for `GET /static/...`: with the value `empty`, a file that is not there is a 204 instead of a 404. */
export const MISSING_OK_HEADER = 'x-techdocs-missing';

function enc(s: string): string {
  return encodeURIComponent(s.toLocaleLowerCase('en-US'));
}

/** What `GET /status/...` answers. */
export interface SiteStatus {
  entityRef: string;
  current?: { buildId: string; siteName: string; etag: string; commit?: string; createdAt: string; warnings: BuildWarning[] };
  /** The newest failed build after the current one: the reader shows it above the old, still-served site. */
  lastFailure?: { buildId: string; createdAt: string; error: string };
  building: boolean;
}

export interface SiteSummary {
  entityRef: string;
  siteName: string;
  buildTimestamp: number;
  commit?: string;
}

/** `POST /publish/...` body: files are base64, paths relative to the site root. */
export interface PublishRequest {
  etag: string;
  commit?: string;
  files: Array<{ path: string; content: string }>;
}
