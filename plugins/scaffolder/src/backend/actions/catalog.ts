import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { stringify } from 'yaml';
import { parseEntityRef, stringifyEntityRef, type Entity } from '@atrium/model';
import type { CatalogClient } from '@atrium/plugin-catalog/common';
import { resolveSafeChildPath } from '../fetch/safePath.js';
import { createTemplateAction } from './types.js';

/** The catalog actions, talking to the catalog only through its REST client. */
export function createCatalogActions(catalog: CatalogClient) {
  const register = createTemplateAction<{ catalogInfoUrl?: string; repoContentsUrl?: string; catalogInfoPath?: string; optional?: boolean }>({
    id: 'catalog:register',
    description: 'Registers a catalog-info.yaml (usually in the repository just published) as a catalog location.',
    schema: {
      input: {
        type: 'object',
        oneOf: [{ required: ['catalogInfoUrl'] }, { required: ['repoContentsUrl'] }],
        properties: {
          catalogInfoUrl: { type: 'string', title: 'URL of the catalog-info.yaml' },
          repoContentsUrl: { type: 'string', title: 'URL of the repository contents (publish output repoContentsUrl)' },
          catalogInfoPath: { type: 'string', title: 'Path of the descriptor in the repository (default /catalog-info.yaml)' },
          optional: { type: 'boolean', title: 'Do not fail when the location cannot be read' },
        },
      },
      output: { type: 'object', properties: { entityRef: { type: 'string' }, catalogInfoUrl: { type: 'string' } } },
    },
    async handler(ctx) {
      const { repoContentsUrl, catalogInfoPath = '/catalog-info.yaml' } = ctx.input;
      const url = ctx.input.catalogInfoUrl ?? `${repoContentsUrl!.replace(/\/$/, '')}/${catalogInfoPath.replace(/^\//, '')}`;
      ctx.logger.info(`Registering ${url} in the catalog`);
      try {
        const result = await catalog.addLocation({ type: 'url', target: url });
        let entities: Entity[] = result.entities ?? [];
        // The catalog reads a new location in the background; a dry run reads it now, to name its entity.
        if (!entities.some((e) => e.kind.toLowerCase() !== 'location')) {
          entities = (await catalog.addLocation({ type: 'url', target: url, dryRun: true }).catch(() => undefined))?.entities ?? entities;
        }
        // The component the repository describes, rather than a Location entity, is what users want to open.
        const main = entities.find((e) => e.kind.toLowerCase() !== 'location') ?? entities[0];
        if (main) ctx.output('entityRef', stringifyEntityRef(main));
        ctx.output('catalogInfoUrl', url);
        ctx.logger.info(main ? `Registered ${stringifyEntityRef(main)}` : 'Registered the location; its entities appear once it is read');
      } catch (error) {
        if (!ctx.input.optional) throw error;
        ctx.logger.warn(`Could not register ${url}: ${(error as Error).message}`);
      }
    },
  });

  const fetch = createTemplateAction<{ entityRef?: string; entityRefs?: string[]; optional?: boolean; defaultKind?: string; defaultNamespace?: string }>({
    id: 'catalog:fetch',
    description: 'Reads one or more entities from the catalog.',
    supportsDryRun: true,
    schema: {
      input: {
        type: 'object',
        oneOf: [{ required: ['entityRef'] }, { required: ['entityRefs'] }],
        properties: {
          entityRef: { type: 'string' }, entityRefs: { type: 'array', items: { type: 'string' } }, optional: { type: 'boolean' },
          defaultKind: { type: 'string' }, defaultNamespace: { type: 'string' },
        },
      },
      output: { type: 'object', properties: { entity: { type: 'object' }, entities: { type: 'array', items: { type: ['object', 'null'] } } } },
    },
    async handler(ctx) {
      const defaults = { defaultKind: ctx.input.defaultKind, defaultNamespace: ctx.input.defaultNamespace };
      const norm = (ref: string) => stringifyEntityRef(parseEntityRef(ref, defaults));
      if (ctx.input.entityRef) {
        const entity = await catalog.getEntityByRef(norm(ctx.input.entityRef));
        if (!entity && !ctx.input.optional) throw new Error(`Entity ${ctx.input.entityRef} not found in the catalog`);
        if (entity) ctx.output('entity', entity as never);
      }
      if (ctx.input.entityRefs) {
        const items = await catalog.getEntitiesByRefs(ctx.input.entityRefs.map(norm));
        const missing = ctx.input.entityRefs.filter((_, i) => !items[i]);
        if (missing.length && !ctx.input.optional) throw new Error(`Entities not found in the catalog: ${missing.join(', ')}`);
        ctx.output('entities', items as never);
      }
    },
  });

  const write = createTemplateAction<{ entity: Record<string, unknown>; filePath?: string }>({
    id: 'catalog:write',
    description: 'Writes an entity as a catalog-info.yaml in the workspace.',
    supportsDryRun: true,
    schema: { input: { type: 'object', required: ['entity'], properties: { entity: { type: 'object', title: 'The entity' }, filePath: { type: 'string', title: 'Where (default catalog-info.yaml)' } } } },
    async handler(ctx) {
      const file = ctx.input.filePath ?? 'catalog-info.yaml';
      const path = await resolveSafeChildPath(ctx.workspacePath, file, 'filePath');
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, stringify(ctx.input.entity));
      ctx.logger.info(`Wrote ${file}`);
    },
  });

  return [register, fetch, write];
}
