/**
 * Well-known annotation keys. The `backstage.io/` prefix is reserved for the core; keeping Backstage's
 * names means descriptors written for Backstage keep working here.
 */

/** Location ref `<type>:<target>` the entity was read from; set by the catalog. */
export const ANNOTATION_LOCATION = 'backstage.io/managed-by-location';
/** Location ref of the registration that ultimately produced the entity; set by the catalog. */
export const ANNOTATION_ORIGIN_LOCATION = 'backstage.io/managed-by-origin-location';
/** `'true'` when nothing keeps the entity alive any more; set by the stitcher, never by hand. */
export const ANNOTATION_ORPHAN = 'backstage.io/orphan';
/** `url:` ref to the entity's source code; folder URLs end with `/`. */
export const ANNOTATION_SOURCE_LOCATION = 'backstage.io/source-location';
/** Link to view the descriptor. */
export const ANNOTATION_VIEW_URL = 'backstage.io/view-url';
/** Link to edit the descriptor. */
export const ANNOTATION_EDIT_URL = 'backstage.io/edit-url';
/** Where the docs source lives: `dir:<relative path>` or `url:<absolute url>`. */
export const ANNOTATION_TECHDOCS_REF = 'backstage.io/techdocs-ref';
/** Ref of another entity whose docs are shown for this one. */
export const ANNOTATION_TECHDOCS_ENTITY = 'backstage.io/techdocs-entity';
/** Ref of the Template that created the entity. */
export const ANNOTATION_SOURCE_TEMPLATE = 'backstage.io/source-template';
/** ISO-8601 duration a Template saves (e.g. `PT4H`). */
export const ANNOTATION_TIME_SAVED = 'backstage.io/time-saved';
/** Matched against the same label on Kubernetes objects. */
export const ANNOTATION_KUBERNETES_ID = 'backstage.io/kubernetes-id';
/** Narrows the Kubernetes lookup to one namespace. */
export const ANNOTATION_KUBERNETES_NAMESPACE = 'backstage.io/kubernetes-namespace';
/** Arbitrary Kubernetes label selector; wins over the id. */
export const ANNOTATION_KUBERNETES_LABEL_SELECTOR = 'backstage.io/kubernetes-label-selector';
/** Restricts Kubernetes lookups to a named cluster. */
export const ANNOTATION_KUBERNETES_CLUSTER = 'backstage.io/kubernetes-cluster';
/** `scm-only` or `enabled`. */
export const ANNOTATION_CODE_COVERAGE = 'backstage.io/code-coverage';
/** `<org>/<repo>`; enables GitHub features. */
export const ANNOTATION_GITHUB_PROJECT_SLUG = 'github.com/project-slug';

/** Status item type the catalog uses for processing errors. */
export const CATALOG_PROCESSING_STATUS_TYPE = 'backstage.io/catalog-processing';

/**
 * Splits a location ref (`<type>:<target>`, as in the managed-by annotations) on the FIRST colon,
 * because targets such as URLs contain colons. Throws a `TypeError` when either part is empty.
 */
export function parseLocationRef(ref: string): { type: string; target: string } {
  const colon = ref.indexOf(':');
  const type = colon === -1 ? '' : ref.slice(0, colon).trim();
  const target = colon === -1 ? '' : ref.slice(colon + 1).trim();
  if (!type || !target) throw new TypeError(`Location reference "${ref}" is not of the form <type>:<target>`);
  return { type, target };
}

/** Formats a location as the `<type>:<target>` string stored in the managed-by annotations. */
export function stringifyLocationRef(location: { type: string; target: string }): string {
  return `${location.type}:${location.target}`;
}
