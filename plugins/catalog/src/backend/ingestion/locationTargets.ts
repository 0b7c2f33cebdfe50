import { isAbsoluteUrl, locationFromUrl, locationUrl, parseLocationRef, resolveLocationTarget, toFilePath } from './locationRefs.js';
import { ANNOTATION_MANAGED_BY_LOCATION, isPlainObject, type LocationSpec, type LocationType } from './types.js';

/**
 * The locations a `kind: Location` entity points at: `spec.target` and each of `spec.targets`, with
 * `spec.type` (default: the type of the location the entity was read from) and `spec.presence`.
 *
 * `from` is where the Location file was read: its URL or absolute path, or a location spec. When
 * omitted, the entity's `backstage.io/managed-by-location` annotation is used. Relative targets
 * resolve against that file's folder (see `resolveLocationTarget`) when the target's type matches
 * the file's; otherwise they are returned unchanged, as Backstage does, and reading them fails.
 * Entries that are not non-empty strings are skipped: validating the spec is the processing stage's job.
 */
export function locationTargetsOf(locationEntity: unknown, from?: string | LocationSpec): LocationSpec[] {
  if (!isPlainObject(locationEntity) || !isPlainObject(locationEntity.spec)) return [];
  const spec = locationEntity.spec;
  const source = sourceLocation(locationEntity, from);
  const type = spec.type === 'file' || spec.type === 'url' ? spec.type : spec.type === undefined ? source?.type : undefined;
  if (!type) return [];
  const presence = spec.presence === 'optional' || spec.presence === 'required' ? spec.presence : undefined;

  const raw = [spec.target, ...(Array.isArray(spec.targets) ? spec.targets : [])];
  const targets: LocationSpec[] = [];
  for (const target of raw) {
    if (typeof target !== 'string' || target.trim() === '') continue;
    const resolved = resolveTarget(target.trim(), type, source);
    targets.push({ type, target: resolved, ...(presence && { presence }) });
  }
  return targets;
}

function resolveTarget(target: string, type: LocationType, source: LocationSpec | undefined): string {
  if (!source || source.type !== type) return target;
  if (type === 'file') {
    // File targets stay paths: the file reader's location keys are `file:<absolute path>`.
    return toFilePath(isAbsoluteUrl(target) ? target : resolveLocationTarget(target, source.target));
  }
  return resolveLocationTarget(target, locationUrl(source));
}

function sourceLocation(entity: Record<string, unknown>, from: string | LocationSpec | undefined): LocationSpec | undefined {
  if (typeof from === 'object') return from;
  if (typeof from === 'string') return locationFromUrl(from);
  const metadata = isPlainObject(entity.metadata) ? entity.metadata : undefined;
  const annotations = isPlainObject(metadata?.annotations) ? metadata.annotations : undefined;
  const ref = annotations?.[ANNOTATION_MANAGED_BY_LOCATION];
  const parsed = typeof ref === 'string' ? parseLocationRef(ref) : undefined;
  if (!parsed || (parsed.type !== 'file' && parsed.type !== 'url')) return undefined;
  return { type: parsed.type, target: parsed.target };
}
