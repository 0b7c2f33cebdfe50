import { useComputedColorScheme, useMantineColorScheme } from '@mantine/core';
import { entityRoute, useExtensions, useIdentity } from '@atrium/frontend';
import { parseEntityRef } from '@atrium/model';
import { useMemo } from 'react';

/** A page to go to or an action to run from the palette. */
export interface PaletteCommand {
  id: string;
  label: string;
  description?: string;
  group: 'Actions' | 'Pages';
  icon: 'plus' | 'import' | 'team' | 'moon' | 'sun' | 'page' | 'search';
  keywords: string[];
  to?: string;
  run?: () => void;
}

/**
 * The portal's pages (every plugin's registered pages and nav items) and actions: create, register,
 * go to my team(s), toggle dark mode.
 */
export function usePaletteCommands(): PaletteCommand[] {
  const registry = useExtensions();
  const { identity } = useIdentity();
  const { setColorScheme } = useMantineColorScheme();
  const scheme = useComputedColorScheme('light', { getInitialValueInEffect: false });
  return useMemo(() => {
    const commands: PaletteCommand[] = [
      { id: 'create', label: 'Create a new component', description: 'Start from a software template', group: 'Actions', icon: 'plus', to: '/create', keywords: ['new', 'service', 'scaffold', 'template', 'website', 'library'] },
      { id: 'register', label: 'Register an existing component', description: 'Add a catalog-info.yaml to the catalog', group: 'Actions', icon: 'import', to: '/catalog-import', keywords: ['import', 'add', 'location', 'yaml'] },
    ];
    const teams = (identity?.ownershipEntityRefs ?? []).filter((r) => r.toLowerCase().startsWith('group:'));
    for (const ref of teams) {
      const { name } = parseEntityRef(ref);
      commands.push({ id: `team:${ref}`, label: teams.length > 1 ? `Go to my team: ${name}` : 'Go to my team', description: name, group: 'Actions', icon: 'team', to: entityRoute(ref), keywords: ['team', 'group', 'my', name] });
    }
    if (identity) {
      commands.push({ id: 'me', label: 'Go to my profile', description: identity.userEntityRef, group: 'Actions', icon: 'team', to: entityRoute(identity.userEntityRef), keywords: ['me', 'user', 'profile'] });
    }
    const next = scheme === 'dark' ? 'light' : 'dark';
    commands.push({ id: 'scheme', label: `Toggle dark mode`, description: `Switch to ${next} mode`, group: 'Actions', icon: next === 'dark' ? 'moon' : 'sun', run: () => setColorScheme(next), keywords: ['theme', 'dark', 'light', 'colour', 'color'] });

    const seen = new Set<string>();
    for (const p of [...registry.nav.map((n) => ({ title: n.title, to: n.to })), ...registry.pages.map((p) => ({ title: p.title, to: p.path }))]) {
      if (seen.has(p.to) || p.to.includes(':')) continue;
      seen.add(p.to);
      commands.push({ id: `page:${p.to}`, label: p.title, description: p.to, group: 'Pages', icon: 'page', to: p.to, keywords: [p.to] });
    }
    return commands;
  }, [registry, identity, scheme, setColorScheme]);
}

/** Commands whose label, description or keywords contain every typed word (by prefix). */
export function filterCommands(commands: PaletteCommand[], query: string): PaletteCommand[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return commands;
  return commands.filter((c) => {
    const hay = [c.label, c.description ?? '', ...c.keywords].join(' ').toLowerCase().split(/[^\p{L}\p{N}]+/u);
    return words.every((w) => hay.some((h) => h.startsWith(w)));
  });
}
