import { z } from 'zod';
import type { AtriumFastify } from '@atrium/backend';
import { stringifyEntityRef, type Entity } from '@atrium/model';
import type { LocationSpec } from '../ingestion/index.js';
import type { CatalogRoutesDeps } from './deps.js';
import { finalsByRefs } from './entityQueries.js';
import { previewLocation } from './previewLocation.js';

const DESCRIPTOR = /\.ya?ml$/i;
// Repositories without a branch in the URL are tried on the usual default branches, in this order.
const DEFAULT_BRANCHES = ['main', 'master'];

/**
 * Where to look for the descriptor: the URL itself when it names a YAML file; `<folder>/catalog-info.yaml`
 * for a `/tree/<ref>/<folder>` URL (as a `/blob/` file URL); `blob/main|master/catalog-info.yaml` for a bare
 * repository URL.
 */
export function descriptorCandidates(url: string, filename = 'catalog-info.yaml'): string[] {
  const clean = url.trim().replace(/[?#].*$/, '').replace(/\/+$/, '');
  if (DESCRIPTOR.test(clean)) return [clean];
  if (/\/(-\/)?(tree|blob)\//.test(clean)) return [`${clean.replace(/\/(-\/)?tree\//, '/$1blob/')}/${filename}`];
  const repo = clean.replace(/\.git$/, '');
  return DEFAULT_BRANCHES.map((b) => `${repo}/blob/${b}/${filename}`);
}

/**
 * `POST /import-preview` (Atrium only): what registering a descriptor or repository URL would import,
 * for the portal's "Register an existing component" page. Unlike Backstage's dry run, problems in the
 * files (YAML errors, invalid entities, unreadable URLs) come back as a 200 listing them with file and
 * line, so the page can show them next to the entities that are fine.
 */
export function importPreviewRoutes(app: AtriumFastify, deps: CatalogRoutesDeps): void {
  app.post('/import-preview', {
    schema: {
      body: z.object({
        url: z.string().trim().url().refine((u) => /^https?:\/\//i.test(u), 'must be an http(s) URL'),
        catalogFilename: z.string().regex(/^[\w.-]+\.ya?ml$/).optional(),
      }),
    },
  }, async (request) => {
    await deps.httpAuth.credentials(request, { allow: ['user', 'service'] });
    const candidates = descriptorCandidates(request.body.url, request.body.catalogFilename);
    let target = candidates[0]!;
    if (candidates.length > 1 && deps.reader) {
      for (const candidate of candidates) {
        const readable = await deps.reader.readUrl(candidate).then(() => true, () => false);
        if (readable) { target = candidate; break; }
      }
    }
    const preview = await previewLocation(deps, { type: 'url', target, presence: 'required' } as LocationSpec);
    const found = preview.entities.slice(1) as unknown as Entity[];
    const registered = await finalsByRefs(deps.catalog, found.map((e) => stringifyEntityRef(e)));
    const existing = await deps.catalog.db.selectFrom('locations').select(['id', 'type', 'target'])
      .where('type', '=', 'url').where('target', '=', target).executeTakeFirst();
    return {
      location: { type: 'url', target },
      ...(existing ? { existingLocation: { id: existing.id, type: existing.type, target: existing.target } } : {}),
      entities: found.map((entity) => ({ entity, isRegistered: registered.has(stringifyEntityRef(entity)) })),
      errors: preview.errors,
    };
  });
}
