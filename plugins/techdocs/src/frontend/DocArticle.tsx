import { useComputedColorScheme } from '@mantine/core';
import { useEffect, useLayoutEffect, type RefObject } from 'react';
import { fetchBlobUrl, type SiteRef } from './api';
import { resolveSiteLink } from './resolvePath';
import './techdocs.css';

export interface DocArticleProps {
  site: SiteRef;
  pagePath: string;
  html: string;
  hash: string;
  onNavigate: (path: string, hash: string) => void;
  articleRef: RefObject<HTMLElement | null>;
}

/**
 * Shows a page's article (sanitised when it was built). Links between pages stay in the reader, images
 * are fetched with the user's token, Mermaid diagrams are drawn (the library loads only when a page has
 * one), and the page scrolls to the heading named in the URL.
 */
export function DocArticle({ site, pagePath, html, hash, onNavigate, articleRef: ref }: DocArticleProps) {
  const scheme = useComputedColorScheme('light');

  // Before the browser paints, so the article shows in the same frame as the rest of the reader.
  useLayoutEffect(() => {
    const root = ref.current;
    if (!root) return;
    root.innerHTML = html;
    const controller = new AbortController();
    const urls: string[] = [];
    for (const img of root.querySelectorAll('img')) {
      const src = img.getAttribute('src') ?? '';
      const target = resolveSiteLink(pagePath, src);
      if (!target) continue;
      img.removeAttribute('src');
      void fetchBlobUrl(site, target.path, controller.signal).then((u) => {
        if (!u) { img.alt = `${img.alt} (image not found: ${src})`; return; }
        urls.push(u);
        img.src = u;
      });
    }
    for (const a of root.querySelectorAll('a[href^="http"]')) a.setAttribute('target', '_blank');
    void drawMermaid(root, scheme);
    return () => { controller.abort(); for (const u of urls) URL.revokeObjectURL(u); };
  }, [html, pagePath, site, scheme, ref]);

  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    const target = hash ? root.ownerDocument.getElementById(hash) : undefined;
    if (target) target.scrollIntoView({ block: 'start' });
    else window.scrollTo({ top: 0 });
  }, [html, hash, ref]);

  const onClick = (e: React.MouseEvent) => {
    const a = (e.target as HTMLElement).closest('a');
    if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
    const href = a.getAttribute('href');
    if (!href) return;
    const target = resolveSiteLink(pagePath, href);
    if (!target) return;
    e.preventDefault();
    onNavigate(target.path, target.hash);
  };

  return <article ref={ref} className="techdocs-article" onClick={onClick} data-testid="techdocs-article" />;
}

async function drawMermaid(root: HTMLElement, scheme: 'light' | 'dark') {
  const blocks = [...root.querySelectorAll('pre.mermaid')];
  if (!blocks.length) return;
  const { default: mermaid } = await import('mermaid');
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: scheme === 'dark' ? 'dark' : 'default' });
  const nodes = blocks.map((pre) => {
    const div = document.createElement('div');
    div.className = 'mermaid';
    div.textContent = pre.textContent ?? '';
    pre.replaceWith(div);
    return div;
  });
  try {
    await mermaid.run({ nodes, suppressErrors: true });
  } catch (error) {
    console.warn('[techdocs] a Mermaid diagram could not be drawn', error);
  }
}

export default DocArticle;
