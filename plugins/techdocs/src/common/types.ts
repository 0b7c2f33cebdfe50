/** A heading inside a page, nested by level (h2 under the page title, h3 under h2, ...). */
export interface TocItem {
  id: string;
  title: string;
  level: number;
  children: TocItem[];
}

/** A navigation entry: a page (with `path`), a section (with `children`) or an external link (`url`). */
export interface NavItem {
  title: string;
  /** Site-relative URL of a page, MkDocs style: `''` for the index, `guide/install/` for a page. */
  path?: string;
  url?: string;
  children?: NavItem[];
}

/** One built page, as the reader needs it. */
export interface SitePage {
  /** Site-relative URL (`''`, `guide/`, `guide/install/`). */
  path: string;
  /** Source file relative to docs_dir, e.g. `guide/install.md`. */
  source: string;
  title: string;
  toc: TocItem[];
  /** Link to edit the page's source in its repository, when known. */
  editUrl?: string;
}

/** A problem found while building, with where it is. */
export interface BuildWarning {
  message: string;
  file?: string;
  line?: number;
}

/** `techdocs_site.json`: everything the reader needs besides the page HTML. */
export interface SiteManifest {
  siteName: string;
  siteDescription?: string;
  repoUrl?: string;
  nav: NavItem[];
  pages: SitePage[];
  warnings: BuildWarning[];
  buildTimestamp: number;
  etag: string;
  /** Commit the site was built from, when the source is a git repository. */
  commit?: string;
}

/** `techdocs_metadata.json`, Backstage's shape. */
export interface TechDocsMetadata {
  site_name: string;
  site_description: string;
  etag: string;
  build_timestamp: number;
  files: string[];
}

/** MkDocs' `search/search_index.json`. */
export interface SearchIndex {
  config: { lang: string[]; separator: string; pipeline: string[] };
  docs: Array<{ location: string; title: string; text: string }>;
}
