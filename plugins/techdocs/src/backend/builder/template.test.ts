import { posix } from 'node:path';
import type { NavItem } from '@atrium/plugin-techdocs/common';
import { describe, expect, it } from 'vitest';
import { navHtml } from './template.js';

// The nav as it was made before links were shared between pages: every href from the page's folder.
function reference(nav: NavItem[], url: string): string {
  const folder = url.endsWith('/') || url === '' ? url : url.slice(0, url.lastIndexOf('/') + 1);
  const rel = (to: string) => {
    const r = posix.relative(`/${folder}`, `/${to}`);
    const s = (to.endsWith('/') || to === '') && r !== '' ? `${r}/` : r;
    return s === '' ? './' : s;
  };
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const walk = (items: NavItem[]): string => `<ul>${items.map((i) => i.children
    ? `<li><span>${esc(i.title)}</span>${walk(i.children)}</li>`
    : `<li><a href="${esc(i.url ?? rel(i.path ?? ''))}"${i.path === url ? ' aria-current="page"' : ''}>${esc(i.title)}</a></li>`).join('')}</ul>`;
  return walk(nav);
}

describe('the standalone pages\' nav', () => {
  it('links every entry as seen from the page, with directory URLs and without', () => {
    const dirUrls = ['', 'guides/', 'guides/setup/', 'guides/setup-2/', 'guides/setup/advanced/', 'guides/setup/advanced/more/', 'api/', 'api/v1/', 'api/v1/errors/', 'a&b/"q"/', 'guides/x/../setup/', 'guides/setup'];
    const fileUrls = ['index.html', 'guides/setup.html', 'guides/setup/advanced.html', 'api/v1/errors.html', 'api/index.html'];
    const navOf = (paths: string[]): NavItem[] => [
      { title: 'Home <1>', path: paths[0]! },
      { title: 'External', url: 'https://example.com/?a=1&b=2' },
      { title: 'Guides', children: paths.slice(1, 6).map((p, k) => ({ title: `G${k}`, path: p })) },
      { title: 'Rest', children: [{ title: 'Deeper', children: paths.slice(6).map((p, k) => ({ title: `R${k}`, path: p })) }] },
    ];
    for (const urls of [dirUrls, fileUrls]) {
      const nav = navOf(urls);
      // Twice: the second round reads what the first one kept.
      for (let round = 0; round < 2; round++) for (const url of [...urls, 'other/page/']) expect(navHtml(nav, url), url).toBe(reference(nav, url));
    }
  });
});
