/**
 * Resolves a link found in a page against that page's site URL (`guide/install/`), the way the browser
 * would on a static site. Returns the site-relative path and hash, or undefined for links leaving the site.
 */
export function resolveSiteLink(pagePath: string, href: string): { path: string; hash: string } | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) return undefined;
  const base = new URL(`https://site.invalid/${pagePath}`);
  const url = new URL(href, base);
  if (url.origin !== base.origin) return undefined;
  return { path: decodeURIComponent(url.pathname.slice(1)).replace(/index\.html$/, ''), hash: url.hash.slice(1) };
}
