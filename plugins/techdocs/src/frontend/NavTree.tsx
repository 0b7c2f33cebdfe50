import { Box, NavLink } from '@mantine/core';
import { IconChevronRight, IconExternalLink } from '@tabler/icons-react';
import { useState } from 'react';
import type { NavItem } from '@atrium/plugin-techdocs/common';

const contains = (item: NavItem, path: string): boolean =>
  item.path === path || (item.children ?? []).some((c) => contains(c, path));

/** The site's navigation; only the section holding the current page starts open, so long sites stay short. */
export function NavTree({ items, current, onNavigate, onIntent, depth = 0 }: {
  items: NavItem[]; current: string; onNavigate: (path: string) => void;
  /** The pointer or focus reached a page's link: a likely next page, worth fetching already. */
  onIntent?: (path: string) => void;
  depth?: number;
}) {
  return (
    <>
      {items.map((item, i) => {
        if (item.children) {
          return <NavSection key={`${item.title}-${i}`} item={item as NavItem & { children: NavItem[] }} current={current} onNavigate={onNavigate} onIntent={onIntent} depth={depth} />;
        }
        if (item.url) {
          return <NavLink key={item.url} label={item.title} href={item.url} target="_blank" rel="noopener noreferrer" rightSection={<IconExternalLink size={14} />} />;
        }
        const path = item.path ?? '';
        return (
          <NavLink
            key={path || 'index'}
            label={item.title}
            href={path || './'}
            active={path === current}
            aria-current={path === current ? 'page' : undefined}
            onClick={(e) => { e.preventDefault(); onNavigate(path); }}
            onPointerEnter={() => onIntent?.(path)}
            onFocus={() => onIntent?.(path)}
          />
        );
      })}
    </>
  );
}

/**
 * A section of the nav, open when it holds the current page. Not NavLink's own children: its Collapse
 * keeps closed sections rendered (hidden) and sets its state after mounting, which rendered the whole
 * nav three more times before a docs URL's first paint. A closed section renders nothing.
 */
function NavSection({ item, current, onNavigate, onIntent, depth }: {
  item: NavItem & { children: NavItem[] }; current: string; onNavigate: (path: string) => void; onIntent?: (path: string) => void; depth: number;
}) {
  const [opened, setOpened] = useState(() => contains(item, current));
  return (
    <>
      <NavLink
        component="button" type="button" label={item.title} opened={opened} aria-expanded={opened}
        rightSection={<IconChevronRight size={14} />} onClick={() => setOpened((o) => !o)}
      />
      {opened && <Box pl={12}><NavTree items={item.children} current={current} onNavigate={onNavigate} onIntent={onIntent} depth={depth + 1} /></Box>}
    </>
  );
}
