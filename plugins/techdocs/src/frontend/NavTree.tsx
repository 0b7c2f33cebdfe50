import { NavLink } from '@mantine/core';
import { IconExternalLink } from '@tabler/icons-react';
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
          return (
            <NavLink key={`${item.title}-${i}`} label={item.title} defaultOpened={contains(item, current)} childrenOffset={12}>
              <NavTree items={item.children} current={current} onNavigate={onNavigate} onIntent={onIntent} depth={depth + 1} />
            </NavLink>
          );
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
