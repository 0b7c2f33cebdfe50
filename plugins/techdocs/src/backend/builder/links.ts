import type { MarkdownIt, StateCore, Token } from 'markdown-it';
import type { PageEnv } from './pageEnv.js';
import { relativeUrl, resolveFrom } from './paths.js';

const EXTERNAL = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;
const SAFE_SCHEMES = /^(?:https?|mailto|tel):/i;

/**
 * Rewrites relative links the way MkDocs does, so they work from the page's directory URL:
 * `other.md#x` -> `../other/#x`, `img/a.png` -> `../img/a.png`. A link to a missing file is reported
 * with its line; one climbing out of the docs (`../../etc/passwd`) or using a script scheme is removed.
 */
export function rewriteTarget(env: PageEnv, target: string, line: number | undefined, what: 'link' | 'image'): string | undefined {
  if (!target || target.startsWith('#')) return target;
  if (EXTERNAL.test(target)) {
    if (SAFE_SCHEMES.test(target) || target.startsWith('//')) return target;
    env.warn(`${what} to "${target}" removed: only http, https, mailto and tel links are allowed`, line);
    return undefined;
  }
  const [pathPart = '', ...rest] = target.split('#');
  const hash = rest.length ? `#${rest.join('#')}` : '';
  const [pathOnly = '', query] = pathPart.split('?');
  let decoded: string;
  try { decoded = decodeURIComponent(pathOnly); } catch { decoded = pathOnly; }
  const resolved = resolveFrom(env.source, decoded);
  if (resolved === undefined) {
    env.warn(`${what} to "${target}" removed: it points outside the docs folder`, line);
    return undefined;
  }
  const q = query ? `?${query}` : '';
  const page = env.pageUrls.get(resolved) ?? (decoded.endsWith('/') || decoded === '' ? env.pageUrls.get(`${resolved}${resolved ? '/' : ''}index.md`) : undefined);
  if (page !== undefined) return `${relativeUrl(env.url, page)}${q}${hash}`;
  if (env.files.has(resolved)) return `${relativeUrl(env.url, resolved)}${q}${hash}`;
  const isDirectory = [...env.files].some((f) => f.startsWith(`${resolved}/`));
  if (!isDirectory) env.warn(`broken ${what}: "${target}" is not a file in the docs folder`, line);
  return target;
}

function rewriteRule(state: StateCore): void {
  const env = state.env as unknown as PageEnv;
  const visit = (children: Token[], line: number | undefined) => {
    for (const t of children) {
      if (t.type === 'link_open') {
        const raw = t.attrGet('href');
        const href = raw === null ? null : String(raw);
        if (href === null) continue;
        const next = rewriteTarget(env, href, line, 'link');
        if (next === undefined) t.attrs = (t.attrs ?? []).filter(([k]) => k !== 'href');
        else t.attrSet('href', next);
      } else if (t.type === 'image') {
        const rawSrc = t.attrGet('src');
        const src = rawSrc === null ? null : String(rawSrc);
        if (src === null) continue;
        const next = rewriteTarget(env, src, line, 'image');
        t.attrSet('src', next ?? '');
      }
      if (t.children) visit(t.children, line);
    }
  };
  for (const block of state.tokens) {
    if (block.type === 'inline' && block.children) visit(block.children, block.map ? block.map[0] + 1 + env.lineOffset : undefined);
  }
}

export function linksPlugin(md: MarkdownIt): void {
  md.core.ruler.push('mkdocs_links', rewriteRule);
  // Links in the docs that leave the site open in a new tab; page links stay in the reader.
  const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    const href = String(tokens[idx]!.attrGet('href') ?? '');
    if (/^https?:\/\//i.test(href)) tokens[idx]!.attrSet('rel', 'noopener noreferrer');
    return defaultLinkOpen(tokens, idx, options, env, self);
  };
}
