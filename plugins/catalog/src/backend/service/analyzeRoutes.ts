import { z } from 'zod';
import { InputError, type AtriumFastify } from '@atrium/backend';
import { stringifyEntityRef, type Entity } from '@atrium/model';
import { parseLocationRef, type LocationSpec } from '../ingestion/index.js';
import type { CatalogRoutesDeps } from './deps.js';
import { finalsByRefs } from './entityQueries.js';
import { previewLocation } from './previewLocation.js';

const DESCRIPTOR = /\.ya?ml$/i;

/**
 * `POST /analyze-location`, Backstage's "import" step: the descriptor files at a location and whether
 * their entities are already in the catalog, or, when there are none, a Component to generate with
 * the fields the user still has to fill in.
 */
export function analyzeRoutes(app: AtriumFastify, deps: CatalogRoutesDeps): void {
  app.post('/analyze-location', {
    schema: {
      body: z.object({
        location: z.object({ type: z.string().min(1).default('url'), target: z.string().min(1) }),
        catalogFilename: z.string().min(1).optional(),
      }),
    },
  }, async (request) => {
    const { location, catalogFilename = 'catalog-info.yaml' } = request.body;
    if (location.type !== 'url' && location.type !== 'file') throw new InputError(`Invalid location type ${location.type}, expected url or file`);
    // A repository or folder is analysed through its descriptor file.
    const target = DESCRIPTOR.test(location.target) ? location.target : `${location.target.replace(/\/+$/, '')}/${catalogFilename}`;
    const preview = await previewLocation(deps, { type: location.type, target, presence: 'optional' } as LocationSpec);
    const found = preview.entities.slice(1) as unknown as Entity[];
    const registered = await finalsByRefs(deps.catalog, found.map((e) => stringifyEntityRef(e)));
    const existingEntityFiles = found.map((entity) => {
      const from = parseLocationRef(entity.metadata.annotations?.['backstage.io/managed-by-location'] ?? '') ?? { type: location.type, target };
      return { entity, isRegistered: registered.has(stringifyEntityRef(entity)), location: from };
    });
    if (existingEntityFiles.length > 0) return { existingEntityFiles, generateEntities: [] };
    return { existingEntityFiles, generateEntities: [suggestedComponent(location.target)] };
  });
}

function suggestedComponent(target: string) {
  const last = target.replace(/\/+$/, '').split('/').pop() ?? '';
  const name = last.replace(/\.git$/, '').replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '').slice(0, 63) || 'component';
  return {
    entity: { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name }, spec: { type: 'other', lifecycle: 'unknown' } },
    fields: [
      { field: 'spec.owner', state: 'needsUserInput', value: null, description: 'Entity owner is recommended' },
    ],
  };
}
