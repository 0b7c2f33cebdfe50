import type { ErrorCode } from '@atrium/backend';

/**
 * A problem found while reading or parsing a descriptor. Never thrown: ingestion collects these so
 * one bad document or placeholder does not hide the rest of a file.
 */
export interface DescriptorError {
  /** The file the problem is in (a `file:` or http(s) URL, or the location target when no file was read). */
  url: string;
  /** 1-based line and column inside `url`, when known. */
  line?: number;
  column?: number;
  /** Dotted path of the offending field inside the document, e.g. `spec.definition` or `spec.targets[1]`. */
  field?: string;
  message: string;
  /**
   * What kind of problem it is: `ATRIUM_ERR_NOT_FOUND` (target missing), `ATRIUM_ERR_NOT_ALLOWED`
   * (outside allowed roots/hosts), `ATRIUM_ERR_INPUT` (bad YAML, bad shape, bad placeholder) or
   * another code passed through from the URL reader. Absent for unexpected failures.
   */
  code?: ErrorCode;
}

/** Where a document or field starts: 1-based line and column in the file at `url`. */
export interface SourcePosition {
  url: string;
  line: number;
  column: number;
}

/** A path into a parsed document: object keys and array indices. */
export type FieldPath = ReadonlyArray<string | number>;

/** Finds the line/column of a field in a parsed document (the key's position for mapping entries). */
export type LocateField = (path: FieldPath) => { line: number; column: number } | undefined;

/** Location types this module reads. */
export type LocationType = 'file' | 'url';

/** Backstage's location spec: where descriptors live and whether their absence is an error. */
export interface LocationSpec {
  type: LocationType;
  /** `file`: an absolute path or `file:` URL; `url`: an absolute http(s) URL. Either may contain globs. */
  target: string;
  /** Default `required`: a missing target is reported as an error. */
  presence?: 'required' | 'optional';
}

/** Well-known annotation keys set during ingestion (Backstage names, so descriptors stay portable). */
export const ANNOTATION_MANAGED_BY_LOCATION = 'backstage.io/managed-by-location';
export const ANNOTATION_MANAGED_BY_ORIGIN_LOCATION = 'backstage.io/managed-by-origin-location';
export const ANNOTATION_VIEW_URL = 'backstage.io/view-url';
export const ANNOTATION_EDIT_URL = 'backstage.io/edit-url';
export const ANNOTATION_SOURCE_LOCATION = 'backstage.io/source-location';

/** Default size limit for one descriptor or one placeholder target: 1 MiB. */
export const DEFAULT_MAX_DESCRIPTOR_BYTES = 1024 * 1024;

/** `a.b[0].c` — the form used in DescriptorError.field. */
export function formatFieldPath(path: FieldPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
