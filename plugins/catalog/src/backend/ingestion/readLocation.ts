import { isAtriumError, NotFoundError, type Logger, type UrlReaderService } from '@atrium/backend';
import { isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import { entitiesFromDescriptor, type IngestedEntity } from './entitiesFromDescriptor.js';
import { locationUrl, stringifyLocationRef, toFilePath } from './locationRefs.js';
import { sizeError } from './parseDescriptor.js';
import type { DescriptorParser } from './parseThread.js';
import type { PlaceholderReadCache } from './resolvePlaceholders.js';
import type { ScmAnnotationOptions } from './scmUrls.js';
import { DEFAULT_MAX_DESCRIPTOR_BYTES, type DescriptorError, type LocationSpec } from './types.js';

export interface ReadLocationOptions extends ScmAnnotationOptions {
  reader: UrlReaderService;
  logger: Logger;
  /** Per-file size limit in bytes (also applies to placeholder targets). Default 1 MiB. */
  maxBytes?: number;
  /**
   * `backstage.io/managed-by-origin-location` for every entity: the registration this read descends
   * from. Default: this location's own `<type>:<target>`.
   */
  originLocation?: string;
  /** Resolve `$text`/`$json`/`$yaml` while reading (default true). */
  placeholders?: boolean;
  /** Parses large files off the calling thread (see parseThread.ts). */
  parser?: DescriptorParser;
}

export interface ReadLocationResult {
  entities: IngestedEntity[];
  errors: DescriptorError[];
}

/** One file found at a location, not yet read. */
interface FoundFile {
  /** `file`: absolute path; `url`: the file's URL. */
  target: string;
  url: string;
  content(): Promise<Buffer>;
}

/**
 * Reads every descriptor at a location (one file, or all files a glob matches) and returns its
 * entities, Location entities included (their targets are read when the engine processes them; see
 * `locationTargetsOf`). Nothing throws for bad input: missing targets (unless `presence: optional`),
 * refused roots/hosts, bad YAML and failed placeholders come back as errors next to whatever could
 * still be read.
 */
export async function readLocation(location: LocationSpec, options: ReadLocationOptions): Promise<ReadLocationResult> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_DESCRIPTOR_BYTES;
  const errors: DescriptorError[] = [];
  const entities: IngestedEntity[] = [];

  let spec: LocationSpec;
  try {
    spec = normalizeLocation(location);
  } catch (error) {
    return { entities, errors: [{ url: location.target, message: (error as Error).message, code: 'ATRIUM_ERR_INPUT' }] };
  }
  const ref = stringifyLocationRef(spec);
  const url = locationUrl(spec);
  const originLocation = options.originLocation ?? ref;

  let files: FoundFile[];
  try {
    files = await findFiles(spec, url, options.reader);
  } catch (error) {
    if (!(error instanceof NotFoundError)) return { entities, errors: [readError(url, error)] };
    files = [];
  }
  if (files.length === 0) {
    if (spec.presence === 'optional') options.logger.debug('Optional location not found', { location: ref });
    else errors.push({ url, message: `${ref} does not exist`, code: 'ATRIUM_ERR_NOT_FOUND' });
    return { entities, errors };
  }

  const placeholderCache: PlaceholderReadCache = new Map();
  for (const file of files) {
    let buffer: Buffer;
    try {
      buffer = await file.content();
    } catch (error) {
      errors.push(readError(file.url, error));
      continue;
    }
    if (buffer.length > maxBytes) {
      errors.push(sizeError(file.url, buffer.length, maxBytes));
      continue;
    }
    const result = await entitiesFromDescriptor(buffer.toString('utf8'), {
      file: { type: spec.type, target: file.target, url: file.url },
      originLocation,
      reader: options.reader,
      maxBytes,
      placeholders: options.placeholders,
      placeholderCache,
      parser: options.parser,
      resolveEditUrl: options.resolveEditUrl,
    });
    entities.push(...result.entities);
    errors.push(...result.errors);
  }
  options.logger.debug('Read location', { location: ref, files: files.length, entities: entities.length, errors: errors.length });
  return { entities, errors };
}

/** Paths and `file:` URLs become absolute paths; url targets must be absolute http(s) URLs. */
function normalizeLocation(location: LocationSpec): LocationSpec {
  const presence = location.presence ?? 'required';
  if (location.type === 'file') {
    if (!location.target.startsWith('file:') && !isAbsolute(location.target)) {
      throw new Error(`The file location ${location.target} is relative; resolve it first (resolveLocationTarget)`);
    }
    return { type: 'file', target: toFilePath(location.target), presence };
  }
  if (location.type === 'url') {
    const parsed = new URL(location.target);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new Error(`The url location ${location.target} is not an http(s) URL`);
    }
    return { type: 'url', target: location.target, presence };
  }
  throw new Error(`Unsupported location type "${String((location as { type: unknown }).type)}"`);
}

function hasGlob(spec: LocationSpec): boolean {
  if (spec.type === 'file') return /[*?[\]{}]/.test(spec.target);
  // In a URL `?` starts the query, so only `*` and braces mark a glob (Backstage checks for `*`).
  return /[*{}]/.test(decodeURIComponent(new URL(spec.target).pathname));
}

async function findFiles(spec: LocationSpec, url: string, reader: UrlReaderService): Promise<FoundFile[]> {
  if (hasGlob(spec)) {
    const found = await reader.search(url);
    return found.files.map((file) => ({
      target: spec.type === 'file' ? fileURLToPath(file.url) : file.url,
      url: file.url,
      content: file.content,
    }));
  }
  const response = await reader.readUrl(url);
  return [{ target: spec.target, url, content: () => response.buffer() }];
}

function readError(url: string, error: unknown): DescriptorError {
  const message = error instanceof Error ? error.message : String(error);
  return { url, message, ...(isAtriumError(error) && { code: error.code }) };
}
