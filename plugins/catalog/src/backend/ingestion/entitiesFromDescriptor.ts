import type { UrlReaderService } from '@atrium/backend';
import { parseDescriptor, type ParsedDocument } from './parseDescriptor.js';
import type { DescriptorParser } from './parseThread.js';
import { resolvePlaceholders, type PlaceholderReadCache } from './resolvePlaceholders.js';
import { mayHoldNul, replaceNul } from './nulCharacters.js';
import { scmAnnotationsFor, type ScmAnnotationOptions } from './scmUrls.js';
import {
  ANNOTATION_MANAGED_BY_LOCATION,
  ANNOTATION_MANAGED_BY_ORIGIN_LOCATION,
  formatFieldPath,
  isPlainObject,
  type DescriptorError,
  type FieldPath,
  type SourcePosition,
} from './types.js';

/** One entity read from a descriptor, ready for the processing stage. */
export interface IngestedEntity {
  /** The document with placeholders resolved and ingestion annotations added. Not validated yet. */
  entity: Record<string, unknown>;
  /** Where the document starts in its file. */
  position: SourcePosition;
  /** `<type>:<target>` of the file it came from (Backstage's `location_key`). */
  locationKey: string;
  /**
   * Problems with this entity that did not stop it being emitted (a placeholder that could not be
   * read, left as written). Also listed in the overall errors. The engine should treat the entity as
   * failing processing (keeping its previous version) rather than as gone.
   */
  errors: DescriptorError[];
  /** Line/column of a field, for validation errors reported later. */
  locate: ParsedDocument['locate'];
  /** Lines of the fields, when the parser has them at hand (see ParsedDocument). */
  fieldLines?: ParsedDocument['fieldLines'];
}

export interface EntitiesFromDescriptorOptions extends ScmAnnotationOptions {
  /** The file: `type` decides which annotations are derived, `url` is where errors point. */
  file: { type: 'file' | 'url'; target: string; url: string };
  /** Value of `backstage.io/managed-by-origin-location`. */
  originLocation: string;
  reader: UrlReaderService;
  maxBytes?: number;
  /** Resolve `$text`/`$json`/`$yaml` (default true). */
  placeholders?: boolean;
  placeholderCache?: PlaceholderReadCache;
  /** Parses large files off the calling thread (default: everything is parsed here). */
  parser?: DescriptorParser;
}

/**
 * Parses one descriptor file and turns each document into an entity: checks the envelope's shape
 * (just enough to name and annotate it), resolves placeholders, and sets the managed-by annotations
 * (always) and view/edit/source annotations (only where the descriptor has not set them).
 */
export async function entitiesFromDescriptor(
  text: string,
  options: EntitiesFromDescriptorOptions,
): Promise<{ entities: IngestedEntity[]; errors: DescriptorError[] }> {
  const { file } = options;
  const parsed = options.parser ? await options.parser.parse(text, file.url, { maxBytes: options.maxBytes }) : parseDescriptor(text, file.url, { maxBytes: options.maxBytes });
  const errors = [...parsed.errors];
  const entities: IngestedEntity[] = [];
  const locationKey = `${file.type}:${file.target}`;
  const derived = file.type === 'url' ? scmAnnotationsFor(file.url, options) : {};
  const nulPossible = mayHoldNul(text);

  for (const doc of parsed.documents) {
    const shapeError = envelopeShapeError(doc);
    if (shapeError) {
      errors.push(shapeError);
      continue;
    }
    let value: Record<string, unknown> = doc.value;
    const entityErrors: DescriptorError[] = [];
    if (options.placeholders !== false) {
      const resolved = await resolvePlaceholders(doc.value, {
        baseUrl: file.url,
        reader: options.reader,
        locate: doc.locate,
        cache: options.placeholderCache,
        maxBytes: options.maxBytes,
      });
      value = resolved.value as Record<string, unknown>;
      entityErrors.push(...resolved.errors);
    }
    if (nulPossible) {
      // Stored with U+FFFD instead, and failing processing, so the entity keeps its last good form
      // and the rest of the file is written.
      const cleaned = replaceNul(value);
      value = cleaned.value as Record<string, unknown>;
      for (const path of cleaned.paths) {
        entityErrors.push({
          url: doc.position.url,
          ...(doc.locate(path) ?? { line: doc.position.line, column: doc.position.column }),
          field: formatFieldPath(path),
          message: 'The value contains a NUL character (U+0000, written \\0 or \\u0000 in YAML), which the catalog cannot store; remove it',
          code: 'ATRIUM_ERR_INPUT',
        });
      }
    }
    const metadata = value.metadata as Record<string, unknown>;
    const annotations = {
      ...derived,
      ...(metadata.annotations as Record<string, unknown> | undefined),
      [ANNOTATION_MANAGED_BY_LOCATION]: locationKey,
      [ANNOTATION_MANAGED_BY_ORIGIN_LOCATION]: options.originLocation,
    };
    entities.push({
      entity: { ...value, metadata: { ...metadata, annotations } },
      position: doc.position,
      locationKey,
      errors: entityErrors,
      locate: doc.locate,
      ...(doc.fieldLines ? { fieldLines: doc.fieldLines } : {}),
    });
    errors.push(...entityErrors);
  }
  return { entities, errors };
}

/**
 * Only what ingestion itself relies on: a kind (to spot Locations), a name (to refer to it) and
 * metadata objects it can annotate. Full validation is the processing stage's job.
 */
function envelopeShapeError(doc: ParsedDocument): DescriptorError | undefined {
  const { value } = doc;
  const problem = (path: FieldPath, message: string): DescriptorError => ({
    url: doc.position.url,
    ...(doc.locate(path) ?? { line: doc.position.line, column: doc.position.column }),
    field: formatFieldPath(path),
    message,
    code: 'ATRIUM_ERR_INPUT',
  });
  for (const key of ['apiVersion', 'kind'] as const) {
    if (typeof value[key] !== 'string' || value[key] === '') return problem([key], `The document has no ${key}; it is not an entity`);
  }
  if (!isPlainObject(value.metadata)) return problem(['metadata'], 'The entity has no metadata object');
  const { name, annotations } = value.metadata;
  if (typeof name !== 'string' || name === '') return problem(['metadata', 'name'], 'The entity has no metadata.name');
  if (annotations !== undefined && annotations !== null && !isPlainObject(annotations)) {
    return problem(['metadata', 'annotations'], 'metadata.annotations must be an object');
  }
  return undefined;
}
