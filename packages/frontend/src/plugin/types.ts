import type { ComponentType } from 'react';
import type { Entity } from '@atrium/model';

/**
 * A lazily loaded UI module. The module's default export is the component, so that
 * `load: () => import('./MyPage')` works as-is and the shell never runs plugin code before it is shown.
 */
export type LazyComponentLoader<P = object> = () => Promise<{ default: ComponentType<P> }>;

/** Props of components rendered on an entity page (tabs and cards). */
export interface EntityComponentProps {
  entity: Entity;
}

/** Props of a search-result renderer; the search plugin defines the result shape. */
export interface SearchResultProps {
  result: { type: string; document: Record<string, unknown>; [key: string]: unknown };
}

/** Props of a scaffolder form field extension; the scaffolder plugin will narrow them. */
export interface FormFieldProps {
  value: unknown;
  onChange: (value: unknown) => void;
  [key: string]: unknown;
}

/** A page mounted at an absolute path, e.g. `/docs`. Nested paths under it (`/docs/*`) also go to the page. */
export interface PageContribution {
  path: string;
  title: string;
  load: LazyComponentLoader;
}

/** A sidebar item. `icon` is a Tabler icon name (see `iconNames`) or a component. */
export interface NavContribution {
  title: string;
  icon: string | ComponentType<{ size?: number | string; stroke?: number }>;
  to: string;
  /** Lower comes first; items without an order follow, in plugin order. */
  order?: number;
}

/** A tab on the entity page, shown when `if` says so, at `/catalog/:ns/:kind/:name/<path>`. */
export interface EntityTabContribution {
  id: string;
  title: string;
  path: string;
  if?: (entity: Entity) => boolean;
  order?: number;
  load: LazyComponentLoader<EntityComponentProps>;
}

/** A card on the entity page's overview tab (`overview`: main column, `summary`: side column). */
export interface EntityCardContribution {
  id: string;
  area: 'overview' | 'summary';
  if?: (entity: Entity) => boolean;
  order?: number;
  load: LazyComponentLoader<EntityComponentProps>;
}

/** Renders search results of one document type. */
export interface SearchResultContribution {
  type: string;
  load: LazyComponentLoader<SearchResultProps>;
}

/** A custom field for scaffolder template forms (`ui:field: <name>`). */
export interface FormFieldContribution {
  name: string;
  load: LazyComponentLoader<FormFieldProps>;
}

/** A widget on the home page. */
export interface HomeWidgetContribution {
  id: string;
  title: string;
  order?: number;
  load: LazyComponentLoader;
}

/** Everything a frontend plugin may contribute. All of it is plain data read by the shell. */
export interface FrontendPluginOptions {
  /** Lowercase id, also the backend plugin id: API calls go to `/api/<id>`. */
  id: string;
  pages?: PageContribution[];
  nav?: NavContribution[];
  entityTabs?: EntityTabContribution[];
  entityCards?: EntityCardContribution[];
  searchResults?: SearchResultContribution[];
  formFields?: FormFieldContribution[];
  homeWidgets?: HomeWidgetContribution[];
  /** Factories for APIs other plugins may use, keyed by API id; resolved lazily by the app. */
  apis?: Record<string, () => unknown>;
}

/** A declared frontend plugin (frozen data). */
export interface FrontendPlugin extends Readonly<FrontendPluginOptions> {
  readonly $$type: '@atrium/FrontendPlugin';
}

export type ExtensionKind = 'page' | 'nav' | 'entityTab' | 'entityCard' | 'searchResult' | 'formField' | 'homeWidget';

/** A contribution after registration: namespaced id `<pluginId>/<kind>/<id>` and the owning plugin. */
export type Registered<T> = T & { readonly extensionId: string; readonly pluginId: string };
