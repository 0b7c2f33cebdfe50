import { NavLink, Stack } from '@mantine/core';
import { Link, useLocation } from 'react-router';
import { useExtensions } from './AppContext';
import { resolveIcon } from './icons';

function isActive(pathname: string, to: string): boolean {
  if (to === '/') return pathname === '/';
  const base = to.replace(/\/$/, '');
  // `/catalog-import` and `/catalog-errors` are part of the catalog section too.
  return pathname === to || pathname.startsWith(`${base}/`) || pathname.startsWith(`${base}-`);
}

/** The sidebar's links, drawn from plugins' nav contributions. */
export function SidebarNav() {
  const { nav } = useExtensions();
  const { pathname } = useLocation();
  return (
    // Padding keeps keyboard focus rings from being clipped by the scroll area.
    <Stack gap={2} p={3}>
      {nav.map(item => {
        const Icon = resolveIcon(item.icon);
        const active = isActive(pathname, item.to);
        return (
          <NavLink
            key={item.extensionId} component={Link} to={item.to} label={item.title} active={active}
            aria-current={active ? 'page' : undefined} leftSection={<Icon size={18} stroke={1.7} />}
            styles={{ root: { borderRadius: 'var(--mantine-radius-md)' }, label: { fontWeight: 500 } }}
          />
        );
      })}
    </Stack>
  );
}
