import { fileURLToPath } from 'node:url';
import type { Logger, UrlReaderService } from '@atrium/backend';
import { relationsFromSpec, stringifyEntityRef, withInverseRelations, type Entity, type EntityValidator } from '@atrium/model';
import { FIELD_LINE_DEPTH, locationTargetsOf, readLocation, type DescriptorError, type DescriptorParser, type IngestedEntity } from '../ingestion/index.js';
import type { DeferredEntity } from '../database/entityRows.js';
import type { KindPolicy } from './kindRules.js';
import type { CatalogError, ChildStream, ClaimedEntity, EntityProcessor, ProcessingOutput } from './types.js';

const ORIGIN = 'backstage.io/managed-by-origin-location';

/** A Location's targets read at once: the one its children are taken from and the next ones (at most 1 MiB each). */
const READ_AHEAD = 3;

/**
 * The catalog's processing of one entity: validation (envelope, formats, kind schema), relations
 * from its spec in both directions, and for a Location, reading its targets into child entities.
 * Errors carry the file, the line of the offending field when known, the field, and a message.
 */
export function createEntityProcessor(deps: {
  reader: UrlReaderService; logger: Logger; validator: EntityValidator; kinds: KindPolicy; maxBytes?: number;
  /** Parses large descriptor files off the calling thread (see parseThread.ts). */
  parser?: DescriptorParser;
}): EntityProcessor {
  return async (claimed: ClaimedEntity): Promise<ProcessingOutput> => {
    const at = (field?: string) => ({
      ...(claimed.position?.url ? { url: claimed.position.url } : {}),
      ...(claimed.position ? { line: (field && claimed.position.fields?.[field]) || claimed.position.line } : {}),
    });
    const errors: CatalogError[] = [...claimed.ingestionErrors];
    const validation = deps.validator.validateEntity(claimed.unprocessed);
    for (const e of validation.errors) errors.push({ name: 'ValidationError', ...(e.field ? { field: e.field } : {}), message: e.message, ...at(e.field) });
    const entity = validation.entity;
    if (!entity || errors.length > 0) return { relations: [], errors };
    if (stringifyEntityRef(entity) !== claimed.ref) {
      return { relations: [], errors: [{ name: 'ConflictError', message: `The entity's kind, namespace or name changed to ${stringifyEntityRef(entity)}; it is ${claimed.ref}`, ...at() }] };
    }

    const spec = relationsFromSpec(entity);
    for (const e of spec.errors) errors.push({ name: 'ValidationError', ...(e.field ? { field: e.field } : {}), message: e.message, ...at(e.field) });
    if (spec.errors.length > 0) return { relations: [], errors };
    // Keys in sorted order: the result hash (stableHashOf) then reuses these objects instead of copying them.
    const relations = withInverseRelations(claimed.ref, spec.relations).map((r) => ({ source: r.sourceRef, target: r.targetRef, type: r.type }));

    if (entity.kind.toLocaleLowerCase('en-US') !== 'location') return { entity, relations, errors };
    // A target or file that could not be read keeps the children it had: a flaky server or a typo must
    // not empty the catalog. Errors still show on the Location.
    const outcome = { readFailed: false, keepFrom: [] as string[] };
    return { entity, relations, errors, childStream: { batches: readChildren(entity, deps, errors, outcome), outcome } };
  };
}

/**
 * Each target's children as it is read; read errors go to `errors`, and `outcome` is set as it goes.
 * The next targets are read (and parsed, on the parsing thread for large files) while the consumer
 * processes and writes this one's children: it takes them a thousand at a time, two of the usual
 * large files, so reading one ahead still left it waiting for the second.
 */
async function* readChildren(location: Entity, deps: Parameters<typeof createEntityProcessor>[0], errors: CatalogError[], outcome: ChildStream['outcome']): AsyncGenerator<DeferredEntity[]> {
  const origin = location.metadata.annotations?.[ORIGIN] ?? '';
  const keepFrom = outcome.keepFrom;
  const targets = locationTargetsOf(location);
  // Settled either way, so a read started ahead and never awaited (the consumer stopped) rejects nothing.
  const read = (target: (typeof targets)[number]) => readLocation(target, { reader: deps.reader, logger: deps.logger, originLocation: origin || undefined, maxBytes: deps.maxBytes, parser: deps.parser })
    .then((result) => ({ result }), (error: unknown) => ({ error }));
  const ahead = targets.slice(0, READ_AHEAD).map(read);
  for (let i = 0; i < targets.length; i++) {
    const target = targets[i]!;
    const children: DeferredEntity[] = [];
    const settled = await ahead.shift()!;
    if (i + READ_AHEAD < targets.length) ahead.push(read(targets[i + READ_AHEAD]!));
    if ('error' in settled) {
      const e = settled.error as Error;
      // Reading now happens while the batch is written: a reader's bug is this Location's error, not the batch's.
      deps.logger.error(`Reading ${target.type}:${target.target} failed`, e);
      errors.push({ name: 'Error', message: `Reading ${target.target} failed: ${e.message}` });
      outcome.readFailed = true;
      continue;
    }
    const { result } = settled;
    for (const e of result.errors) {
      errors.push(fromDescriptorError(e));
      if (e.field) continue;
      // A file that could not be read or parsed whole keeps what it emitted before; when the error is
      // about the target itself (missing, refused), everything the Location emitted stays.
      const file = locationKeyOfFile(e.url, target.type);
      if (!file || e.url === target.target || file === `${target.type}:${target.target}`) outcome.readFailed = true;
      else keepFrom.push(file);
    }
    for (const ingested of result.entities) {
      const child = toDeferred(ingested);
      if (!child) continue;
      const kind = String((ingested.entity as { kind?: unknown }).kind);
      if (!deps.kinds.isAllowed(kind, origin || `${target.type}:${target.target}`)) {
        errors.push({ name: 'NotAllowedError', message: `Kind ${kind} is not allowed from ${origin}; allow it in catalog.rules`, url: ingested.position.url, line: ingested.position.line });
        continue;
      }
      children.push(child);
    }
    yield children;
  }
}

/** `file:/abs/path` or `url:https://…` for the file an error names (errors carry file: URLs for local files). */
function locationKeyOfFile(url: string | undefined, type: 'file' | 'url'): string | undefined {
  if (!url) return undefined;
  if (url.startsWith('file:')) {
    try {
      return `file:${fileURLToPath(url)}`;
    } catch {
      return undefined;
    }
  }
  return `${type}:${url}`;
}

function toDeferred(ingested: IngestedEntity): DeferredEntity | undefined {
  const e = ingested.entity as unknown as Entity;
  let ref: string;
  try {
    ref = stringifyEntityRef(e);
  } catch {
    return undefined;
  }
  return {
    ref,
    entity: ingested.entity,
    locationKey: ingested.locationKey,
    position: { ...ingested.position, fields: fieldLines(ingested) },
    ingestionErrors: ingested.errors.map(fromDescriptorError),
  };
}

/** Lines of the fields validation may complain about, so stored errors can point at them. */
function fieldLines(ingested: IngestedEntity): Record<string, number> {
  if (ingested.fieldLines) return ingested.fieldLines();
  const out: Record<string, number> = {};
  const visit = (value: unknown, path: Array<string | number>, depth: number) => {
    // Paths of at most FIELD_LINE_DEPTH segments, like the fast parser's walk.
    if (depth >= FIELD_LINE_DEPTH || value === null || typeof value !== 'object') return;
    for (const [k, v] of Array.isArray(value) ? value.map((x, i) => [i, x] as const) : Object.entries(value)) {
      const p = [...path, k];
      const line = ingested.locate(p)?.line;
      if (line !== undefined) out[p.reduce<string>((acc, s) => (typeof s === 'number' ? `${acc}[${s}]` : acc ? `${acc}.${s}` : s), '')] = line;
      visit(v, p, depth + 1);
    }
  };
  visit(ingested.entity, [], 0);
  return out;
}

function fromDescriptorError(e: DescriptorError): CatalogError {
  const name = e.code === 'ATRIUM_ERR_NOT_FOUND' ? 'NotFoundError' : e.code === 'ATRIUM_ERR_NOT_ALLOWED' ? 'NotAllowedError' : 'InputError';
  return { name, message: e.message, url: e.url, ...(e.line !== undefined ? { line: e.line } : {}), ...(e.column !== undefined ? { column: e.column } : {}), ...(e.field ? { field: e.field } : {}) };
}
