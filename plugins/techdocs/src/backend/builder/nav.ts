import { posix } from 'node:path';
import type { NavItem } from '@atrium/plugin-techdocs/common';
import type { RawNavEntry } from './mkdocsConfig.js';
import { isIndexPage, normalizeRelative } from './paths.js';

export interface NavPage {
  source: string;
  url: string;
  title: string;
}

/** MkDocs' title for a folder or file name: `getting-started` -> `Getting started`, `API_v2` unchanged. */
export function nameToTitle(name: string): string {
  const t = name.replace(/-/g, ' ').replace(/_/g, ' ');
  return t.toLowerCase() === t ? t.charAt(0).toUpperCase() + t.slice(1) : t;
}

/** The nav written in mkdocs.yml; entries pointing at missing pages are reported with their line and left out. */
export function explicitNav(
  entries: RawNavEntry[],
  pages: ReadonlyMap<string, NavPage>,
  warn: (message: string, line: number) => void,
  onTitle: (source: string, title: string) => void = () => {},
): NavItem[] {
  const out: NavItem[] = [];
  for (const e of entries) {
    if (e.kind === 'section') {
      const children = explicitNav(e.children, pages, warn, onTitle);
      out.push({ title: e.title, children });
      continue;
    }
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(e.target)) {
      out.push({ title: e.title ?? e.target, url: e.target });
      continue;
    }
    const source = normalizeRelative(e.target);
    const page = source === undefined ? undefined : pages.get(source);
    if (!page) {
      warn(source === undefined
        ? `nav entry "${e.target}" points outside the docs folder`
        : `nav entry "${e.target}" points at a page that does not exist in the docs folder`, e.line);
      continue;
    }
    // As in MkDocs, a title given in the nav is the page's title everywhere.
    if (e.title !== undefined) onTitle(page.source, e.title);
    out.push({ title: e.title ?? page.title, path: page.url });
  }
  return out;
}

/**
 * The nav MkDocs derives when mkdocs.yml has none: pages of a folder (index first, then by name)
 * before its subfolders (by name), each subfolder a section titled after its name.
 */
export function derivedNav(pages: NavPage[]): NavItem[] {
  const sorted = [...pages].sort((a, b) => compareSources(a.source, b.source));
  const root: NavItem[] = [];
  const sections = new Map<string, NavItem[]>();
  sections.set('', root);
  const sectionFor = (dir: string): NavItem[] => {
    const existing = sections.get(dir);
    if (existing) return existing;
    const parent = sectionFor(posix.dirname(dir) === '.' ? '' : posix.dirname(dir));
    const children: NavItem[] = [];
    parent.push({ title: nameToTitle(posix.basename(dir)), children });
    sections.set(dir, children);
    return children;
  };
  for (const p of sorted) {
    const dir = posix.dirname(p.source);
    sectionFor(dir === '.' ? '' : dir).push({ title: p.title, path: p.url });
  }
  return root;
}

// os.walk order as MkDocs sees it: a folder's files (index/README first, then by name), then its subfolders.
function compareSources(a: string, b: string): number {
  const pa = a.split('/');
  const pb = b.split('/');
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const lastA = i === pa.length - 1;
    const lastB = i === pb.length - 1;
    if (pa[i] === pb[i]) continue;
    if (lastA !== lastB) return lastA ? -1 : 1; // a file comes before a subfolder
    if (lastA && lastB) {
      const ia = isIndexPage(pa[i]!) ? 0 : 1;
      const ib = isIndexPage(pb[i]!) ? 0 : 1;
      if (ia !== ib) return ia - ib;
    }
    return pa[i]! < pb[i]! ? -1 : 1;
  }
  return pa.length - pb.length;
}

/** Pages in reading order (the nav's order, then pages not in the nav), for previous/next links. */
export function flattenNav(nav: NavItem[]): string[] {
  const out: string[] = [];
  const walk = (items: NavItem[]) => {
    for (const i of items) {
      if (i.path !== undefined) out.push(i.path);
      if (i.children) walk(i.children);
    }
  };
  walk(nav);
  return out;
}
