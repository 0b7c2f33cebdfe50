import type { NavItem } from '@atrium/plugin-techdocs/common';
import { relativeUrl } from './paths.js';

export const STANDALONE_CSS_FILE = 'assets/techdocs.css';

// Most titles and links have nothing to escape: one test instead of four replacements (the nav of every page is escaped).
const esc = (s: string) => !/[&<>"]/.test(s) ? s : s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A page as a standalone HTML document, so the folder `atrium docs build` writes can be opened or
 * served as it is. The portal's reader only takes the `<article>`: its own layout draws nav and TOC.
 */
export function standalonePage(options: { siteName: string; title: string; url: string; nav: NavItem[]; content: string; editUrl?: string }): string {
  const { siteName, title, url, nav, content, editUrl } = options;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title === siteName ? siteName : `${title} - ${siteName}`)}</title>
<link rel="stylesheet" href="${esc(relativeUrl(url, STANDALONE_CSS_FILE))}">
</head>
<body>
<header><a href="${esc(relativeUrl(url, ''))}">${esc(siteName)}</a></header>
<div class="layout">
<nav aria-label="Site">${navHtml(nav, url)}</nav>
<main><article class="techdocs-content">
${content}
</article>${editUrl ? `<p class="edit"><a href="${esc(editUrl)}">Edit this page</a></p>` : ''}</main>
</div>
</body>
</html>
`;
}

/**
 * A nav's HTML as seen from one folder: `pieces[k]` ends where link `k`'s href starts and
 * `pieces[k + 1]` starts after it (after the `aria-current` a page's own entry gets).
 */
interface NavParts {
  pieces: string[];
  hrefs: string[];
  paths: Array<string | undefined>;
  /** Each link's site path when it is relative to the page (not an external url), and whether that path is already normal. */
  targets: Array<{ path: string; normal: boolean } | undefined>;
}

// Per nav (one per build) and folder: the nav of 100 pages was 100 times relativeUrl and escaping of
// every entry (~25 ms of a fresh CLI build).
const navParts = new WeakMap<NavItem[], Map<string, NavParts>>();

/**
 * The nav as HTML for the page at `url`, its own entry marked current. With directory URLs every page
 * is a folder of its own (`guides/setup/`), yet a link from there to anything outside it is the same as
 * from any other page of `guides/`: the links are made once per parent folder, from a folder no page
 * has, and only the entries inside the page's own folder again.
 */
export function navHtml(nav: NavItem[], url: string): string {
  const folder = url.endsWith('/') || url === '' ? url : url.slice(0, url.lastIndexOf('/') + 1);
  let byFolder = navParts.get(nav);
  if (!byFolder) navParts.set(nav, byFolder = new Map());
  // `guides/setup/` is seen from `guides/\0/`: "\0" is no path's segment.
  const own = folder !== '' && folder === url && isNormal(url) ? folder.slice(folder.lastIndexOf('/', folder.length - 2) + 1) : undefined;
  const from = own === undefined ? folder : `${folder.slice(0, folder.length - own.length)}\0/`;
  let parts = byFolder.get(from);
  if (!parts) byFolder.set(from, parts = navPartsFrom(nav, from));
  const out = [parts.pieces[0]!];
  const inOwn = own === undefined ? '' : folder.slice(0, -1);
  parts.paths.forEach((p, k) => {
    // An entry in the page's own folder (or that folder's path), or one whose path is not normal
    // (`..`): its link is made from the page's folder itself.
    const t = own === undefined ? undefined : parts.targets[k];
    const mine = t !== undefined && (!t.normal || (t.path.startsWith(inOwn) && (t.path.length === inOwn.length || t.path[inOwn.length] === '/')));
    out.push(mine ? esc(relativeUrl(folder, t.path)) : parts.hrefs[k]!, p === url ? '" aria-current="page"' : '"', parts.pieces[k + 1]!);
  });
  return out.join('');
}

// No `.` or `..` segment, empty segment, leading slash or backslash: relativeUrl compares such paths segment by segment.
const isNormal = (path: string) => !/\\|\/\/|(?:^|\/)\.\.?(?:\/|$)|^\//.test(path);

function navPartsFrom(nav: NavItem[], folder: string): NavParts {
  const pieces = [''];
  const hrefs: string[] = [];
  const paths: NavParts['paths'] = [];
  const targets: NavParts['targets'] = [];
  const add = (s: string) => { pieces[pieces.length - 1] += s; };
  const walk = (items: NavItem[]) => {
    add('<ul>');
    for (const i of items) {
      if (i.children) {
        add(`<li><span>${esc(i.title)}</span>`);
        walk(i.children);
        add('</li>');
        continue;
      }
      add('<li><a href="');
      // An entry with its own url (an external link) is the same from every folder.
      hrefs.push(esc(i.url ?? relativeUrl(folder, i.path ?? '')));
      paths.push(i.path);
      const target = i.url === undefined ? i.path ?? '' : undefined;
      targets.push(target === undefined ? undefined : { path: target, normal: isNormal(target) });
      pieces.push(`>${esc(i.title)}</a></li>`);
    }
    add('</ul>');
  };
  walk(nav);
  return { pieces, hrefs, paths, targets };
}

/** Styles for the standalone site: readable type, both colour schemes, admonitions, tabs and code. */
export const STANDALONE_CSS = `:root{color-scheme:light dark;--fg:#1f2328;--bg:#fff;--muted:#59636e;--border:#d1d9e0;--accent:#0969da}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--bg:#0d1117;--muted:#9198a1;--border:#3d444d;--accent:#4493f8}}
body{margin:0;font:16px/1.6 system-ui,sans-serif;color:var(--fg);background:var(--bg)}
header{padding:12px 24px;border-bottom:1px solid var(--border);font-weight:600}header a{color:inherit;text-decoration:none}
.layout{display:flex;gap:32px;max-width:1200px;margin:0 auto;padding:24px}nav{flex:0 0 240px}nav ul{list-style:none;padding-left:12px}
nav a[aria-current]{font-weight:600}main{flex:1;min-width:0}a{color:var(--accent)}
@media (max-width:760px){.layout{flex-direction:column}nav{flex:none}}
.headerlink{visibility:hidden;margin-left:6px;text-decoration:none}h1:hover .headerlink,h2:hover .headerlink,h3:hover .headerlink{visibility:visible}
.admonition,details{border-left:4px solid var(--accent);padding:4px 16px;margin:16px 0;background:color-mix(in srgb,var(--accent) 6%,transparent)}
.admonition.warning,details.warning{border-color:#d29922}.admonition.danger,.admonition.error{border-color:#cf222e}.admonition.tip{border-color:#1a7f37}
.admonition-title,summary{font-weight:600}
.tabbed-set{display:flex;flex-wrap:wrap;margin:16px 0;border:1px solid var(--border);border-radius:6px}
.tabbed-input{position:absolute;opacity:0}.tabbed-set>label{padding:6px 14px;cursor:pointer;border-bottom:2px solid transparent}
.tabbed-content{display:none;order:99;width:100%;padding:0 16px}.tabbed-input:checked+label{border-color:var(--accent)}
.tabbed-input:checked+label+.tabbed-content{display:block}.tabbed-input:focus-visible+label{outline:2px solid var(--accent)}
pre{padding:12px;overflow:auto;border-radius:6px}.code-title{font-size:13px;padding:4px 12px;border:1px solid var(--border);border-bottom:0;border-radius:6px 6px 0 0}
.linenums .line::before{counter-increment:line;content:counter(line);display:inline-block;width:2.5em;margin-right:1em;text-align:right;color:var(--muted)}
.line.highlighted{background:color-mix(in srgb,#d29922 20%,transparent)}
.highlight{--hl-fg:#24292e;--hl-bg:#fff;--hl-comment:#6a737d;--hl-keyword:#d73a49;--hl-string:#032f62;--hl-regex:#032f62;--hl-entity:#6f42c1;--hl-constant:#005cc5;--hl-tag:#22863a;--hl-variable:#e36209;--hl-deleted:#b31d28;--hl-deleted-bg:#ffeef0;--hl-inserted:#22863a;--hl-inserted-bg:#f0fff4}
@media (prefers-color-scheme:dark){.highlight{--hl-fg:#e1e4e8;--hl-bg:#24292e;--hl-comment:#6a737d;--hl-keyword:#f97583;--hl-string:#9ecbff;--hl-regex:#dbedff;--hl-entity:#b392f0;--hl-constant:#79b8ff;--hl-tag:#85e89d;--hl-variable:#ffab70;--hl-deleted:#fdaeb7;--hl-deleted-bg:#86181d;--hl-inserted:#85e89d;--hl-inserted-bg:#144620}}
.highlight{color:var(--hl-fg);background:var(--hl-bg)}
.highlight .token:is(.punctuation,.parameter){color:var(--hl-fg)}
.highlight .token:is(.comment,.prolog,.doctype,.cdata){color:var(--hl-comment)}
.highlight .token:is(.keyword,.operator,.atrule,.rule,.important,.interpolation-punctuation,.directive){color:var(--hl-keyword)}
.highlight .token:is(.string,.char,.attr-value,.template-punctuation,.url,.string-property){color:var(--hl-string)}
.highlight .token.attr-value>.token.punctuation:not(.attr-equals){color:var(--hl-string)}
.highlight .token.regex{color:var(--hl-regex)}
.highlight .token:is(.function,.function-variable,.class-name,.attr-name,.selector,.decorator,.annotation,.coord){color:var(--hl-entity)}
.highlight .token:is(.number,.boolean,.null,.nil,.constant,.builtin,.property,.symbol,.entity,.unit,.hexcode,.color,.environment,.title,.code-snippet,.code,.info){color:var(--hl-constant)}
.highlight .token:is(.tag,.key,.blockquote){color:var(--hl-tag)}
.highlight .token:is(.variable,.list){color:var(--hl-variable)}
.highlight .token.literal-property{color:var(--hl-fg)}
.highlight .token:is(.shell-symbol,.shebang){color:var(--hl-comment)}
.highlight .token.deleted{color:var(--hl-deleted);background:var(--hl-deleted-bg)}
.highlight .token.inserted{color:var(--hl-inserted);background:var(--hl-inserted-bg)}
.highlight .token:is(.bold,.title,.coord){font-weight:600}
.highlight .token.italic{font-style:italic}
.table-wrapper{overflow-x:auto}table{border-collapse:collapse}th,td{border:1px solid var(--border);padding:6px 12px}
img{max-width:100%}
@media print{header,nav,.edit,.headerlink{display:none}.layout{display:block;padding:0}.tabbed-content{display:block}}
`;
