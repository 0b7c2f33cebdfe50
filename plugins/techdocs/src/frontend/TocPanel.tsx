import { Anchor, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { TocItem } from '@atrium/plugin-techdocs/common';

const flatten = (items: TocItem[]): TocItem[] => items.flatMap((i) => [i, ...flatten(i.children)]);

/** "On this page": the page's headings below its title, highlighting the one being read. */
export function TocPanel({ toc, onJump, contentKey }: { toc: TocItem[]; onJump: (id: string) => void; contentKey: string }) {
  // The page title is the top entry; its sections are what is worth listing.
  const items = flatten(toc.length === 1 && toc[0]!.level === 1 ? toc[0]!.children : toc).filter((i) => i.level <= 3);
  const [active, setActive] = useState<string>();

  useEffect(() => {
    const headings = items.map((i) => document.getElementById(i.id)).filter((h): h is HTMLElement => !!h);
    if (!headings.length) return;
    const visible = new Set<string>();
    const observer = new IntersectionObserver((entries) => {
      for (const e of entries) {
        if (e.isIntersecting) visible.add(e.target.id);
        else visible.delete(e.target.id);
      }
      // The first heading on screen, or else the last one scrolled past.
      const firstVisible = headings.find((h) => visible.has(h.id));
      const passed = [...headings].reverse().find((h) => h.getBoundingClientRect().top < 100);
      setActive((firstVisible ?? passed)?.id);
    }, { rootMargin: '-64px 0px -55% 0px' });
    for (const h of headings) observer.observe(h);
    return () => observer.disconnect();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [contentKey]);

  if (!items.length) return null;
  return (
    <Stack gap={6} className="techdocs-toc" component="nav" aria-label="On this page">
      <Text size="xs" fw={700} tt="uppercase" c="dimmed">On this page</Text>
      {items.map((i) => (
        <Anchor
          key={i.id}
          href={`#${i.id}`}
          size="sm"
          c={active === i.id ? undefined : 'dimmed'}
          data-active={active === i.id}
          pl={(i.level - 2) * 12}
          onClick={(e) => { e.preventDefault(); onJump(i.id); }}
        >
          {i.title}
        </Anchor>
      ))}
    </Stack>
  );
}
