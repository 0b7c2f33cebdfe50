import type { Entity } from '@atrium/model';

const VIEW_URL = 'backstage.io/view-url';
const EDIT_URL = 'backstage.io/edit-url';
const SOURCE_LOCATION = 'backstage.io/source-location';
const MANAGED_BY_LOCATION = 'backstage.io/managed-by-location';

/** `url:https://host/repo/tree/main/` → the URL; other location types (file:…) are not browsable. */
function urlOfLocation(location: string | undefined): string | undefined {
  if (!location) return undefined;
  const match = /^url:(https?:\/\/.+)$/.exec(location.trim());
  return match?.[1];
}

/** GitHub-style blob URLs become edit URLs by swapping `/blob/` for `/edit/`, as Backstage's SCM integrations do. */
function editUrlFor(viewUrl: string | undefined): string | undefined {
  if (!viewUrl || !/\/blob\//.test(viewUrl)) return undefined;
  return viewUrl.replace('/blob/', '/edit/');
}

export interface EntitySourceLinks {
  /** The descriptor or repository in the browser. */
  viewUrl?: string;
  editUrl?: string;
  /** Where the code lives (`backstage.io/source-location`), for the About card. */
  sourceLocation?: string;
  /** The descriptor file the catalog read (`backstage.io/managed-by-location`). */
  managedByLocation?: string;
}

/**
 * Where "View source" and "Edit source" go, from the annotations Backstage uses: explicit view/edit
 * URLs win, then the descriptor's own location, then the source location.
 */
export function entitySourceLinks(entity: Entity): EntitySourceLinks {
  const a = entity.metadata.annotations ?? {};
  const managed = a[MANAGED_BY_LOCATION];
  const source = a[SOURCE_LOCATION];
  const viewUrl = a[VIEW_URL] ?? urlOfLocation(managed) ?? urlOfLocation(source);
  const editUrl = a[EDIT_URL] ?? editUrlFor(urlOfLocation(managed));
  return { viewUrl, editUrl, sourceLocation: source, managedByLocation: managed };
}
