import {
  IconApi, IconBox, IconCategory, IconDatabase, IconFileCode, IconMapPin, IconSitemap, IconTemplate, IconUser, IconUsersGroup,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';

type KindIcon = ComponentType<{ size?: number | string; stroke?: number; 'aria-hidden'?: boolean }>;

const icons: Record<string, KindIcon> = {
  component: IconBox, api: IconApi, system: IconSitemap, domain: IconCategory, resource: IconDatabase,
  group: IconUsersGroup, user: IconUser, location: IconMapPin, template: IconTemplate,
};

/** The icon that stands for an entity kind everywhere in the catalog UI. */
export function kindIcon(kind: string): KindIcon {
  return icons[kind.toLocaleLowerCase('en-US')] ?? IconFileCode;
}

/** "component" → "Component", "api" → "API", for headings and labels. */
export function kindLabel(kind: string, plural = false): string {
  const k = kind.toLocaleLowerCase('en-US');
  const label = k === 'api' ? 'API' : k.charAt(0).toUpperCase() + k.slice(1);
  if (!plural) return label;
  return k === 'api' ? 'APIs' : label.endsWith('s') ? label : `${label}s`;
}
