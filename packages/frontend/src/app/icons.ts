import {
  IconApi, IconApps, IconBook, IconBox, IconBrandGithub, IconBulb, IconCategory, IconChartBar, IconCloud, IconCode,
  IconDatabase, IconFlask, IconHeart, IconHome, IconLayoutDashboard, IconMessage, IconPuzzle, IconRocket, IconSearch,
  IconServer, IconSettings, IconSitemap, IconTemplate, IconTool, IconUsers, IconWand,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';

type IconComponent = ComponentType<{ size?: number | string; stroke?: number }>;

// A curated set, because importing every Tabler icon by name would put ~5,000 icons in the shell bundle.
// Plugins that need another icon pass the component itself.
const icons: Record<string, IconComponent> = {
  api: IconApi, apps: IconApps, book: IconBook, box: IconBox, github: IconBrandGithub, bulb: IconBulb,
  category: IconCategory, chart: IconChartBar, cloud: IconCloud, code: IconCode, database: IconDatabase,
  flask: IconFlask, heart: IconHeart, home: IconHome, dashboard: IconLayoutDashboard, message: IconMessage,
  puzzle: IconPuzzle, rocket: IconRocket, search: IconSearch, server: IconServer, settings: IconSettings,
  sitemap: IconSitemap, template: IconTemplate, tool: IconTool, users: IconUsers, wand: IconWand,
};

/** Icon names a nav item may use as a string. */
export const iconNames: readonly string[] = Object.keys(icons);

/** Resolves a nav icon: a known name, a component, or a neutral fallback. */
export function resolveIcon(icon: string | IconComponent): IconComponent {
  if (typeof icon !== 'string') return icon;
  const found = icons[icon.toLowerCase()];
  if (!found) console.warn(`[atrium] unknown nav icon "${icon}"; use one of: ${iconNames.join(', ')}, or pass a component`);
  return found ?? IconPuzzle;
}
