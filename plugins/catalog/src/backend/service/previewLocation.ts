import { createEntityValidator, type EntityValidator } from '@atrium/model';
import { locationTargetsOf, readLocation, type LocationSpec } from '../ingestion/index.js';
import { locationEntityFor } from '../providers/locationEntity.js';
import type { CatalogRoutesDeps } from './deps.js';
import type { JsonObject } from './entityQueries.js';

/** Nested Location files followed when previewing, as deep as Backstage's dry run goes in practice. */
const MAX_DEPTH = 5;

export interface LocationPreview {
  /** The Location entity for the registration, then everything read through it (Location files followed). */
  entities: JsonObject[];
  /** What could not be read or is invalid, one message each, with file and line when known. */
  errors: string[];
}

let defaultValidator: EntityValidator | undefined;

/** The validator to use: the plugin's, or (compiled once) the model's for the built-in kinds. */
export function validatorOf(deps: CatalogRoutesDeps): EntityValidator {
  return deps.validator ?? (defaultValidator ??= createEntityValidator());
}

/**
 * Reads a location without storing anything: the dry run of `POST /locations` and the basis of
 * `/analyze-location`. Uses the plugin's reader, so the same hosts and roots are allowed as for
 * registered locations.
 */
export async function previewLocation(deps: CatalogRoutesDeps, location: LocationSpec): Promise<LocationPreview> {
  const root = locationEntityFor(location) as unknown as JsonObject;
  const entities: JsonObject[] = [root];
  const errors: string[] = [];
  if (!deps.reader) return { entities, errors: ['This catalog cannot read locations'] };
  const validator = validatorOf(deps);
  let queue: Array<{ spec: LocationSpec; origin: string }> = locationTargetsOf(root).map((spec) => ({ spec, origin: `${location.type}:${location.target}` }));
  for (let depth = 0; depth < MAX_DEPTH && queue.length > 0; depth++) {
    const next: typeof queue = [];
    for (const { spec, origin } of queue) {
      const read = await readLocation(spec, { reader: deps.reader, logger: deps.logger, originLocation: origin });
      for (const e of read.errors) errors.push(`${e.url}${e.line ? `:${e.line}` : ''}: ${e.field ? `${e.field}: ` : ''}${e.message}`);
      for (const ingested of read.entities) {
        const result = validator.validateEntity(ingested.entity);
        for (const e of result.errors) errors.push(`${ingested.position.url}:${ingested.position.line}: ${e.field ? `${e.field}: ` : ''}${e.message}`);
        if (!result.entity) continue;
        entities.push(result.entity as unknown as JsonObject);
        if (result.entity.kind.toLowerCase() === 'location') {
          next.push(...locationTargetsOf(result.entity).map((s) => ({ spec: s, origin })));
        }
      }
    }
    queue = next;
  }
  return { entities, errors };
}
