import {
  IconApi, IconBook, IconBox, IconCategory, IconClockHour4, IconFileImport, IconFileText, IconMoon, IconPlus, IconSearch, IconServer,
  IconSitemap, IconSun, IconTemplate, IconUser, IconUsers,
} from '@tabler/icons-react';
import type { PaletteCommand } from './paletteCommands';

const KIND_ICONS: Record<string, typeof IconBox> = {
  component: IconBox, api: IconApi, group: IconUsers, user: IconUser, system: IconSitemap, domain: IconCategory,
  resource: IconServer, template: IconTemplate,
};
const COMMAND_ICONS: Record<PaletteCommand['icon'], typeof IconBox> = {
  plus: IconPlus, import: IconFileImport, team: IconUsers, moon: IconMoon, sun: IconSun, page: IconFileText, search: IconSearch,
};

export function KindIcon({ kind }: { kind?: string }) {
  const Icon = KIND_ICONS[(kind ?? '').toLowerCase()] ?? IconBox;
  return <Icon size={18} aria-hidden />;
}

export function CommandIcon({ icon }: { icon: PaletteCommand['icon'] | 'docs' | 'recent' }) {
  const Icon = icon === 'docs' ? IconBook : icon === 'recent' ? IconClockHour4 : COMMAND_ICONS[icon];
  return <Icon size={18} aria-hidden />;
}
