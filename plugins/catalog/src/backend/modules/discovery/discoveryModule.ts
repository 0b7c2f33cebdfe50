import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { NotModifiedError, coreServices, createBackendModule, type Logger, type SchedulerService, type UrlReaderService } from '@atrium/backend';
import { catalogProcessingExtensionPoint, type EntityProviderConnection } from '../../providers/extensionPoint.js';
import { locationEntityFor } from '../../providers/locationEntity.js';

const discoveryConfig = z.looseObject({
  catalog: z.looseObject({
    providers: z.looseObject({
      discovery: z.array(z.looseObject({
        /** Stable name: the bucket its entities live in. */
        id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lowercase letters, digits and dashes'),
        /** A glob over a git repository URL (`.../blob/main/**\/catalog-info.yaml`) or a local folder. */
        target: z.string().min(1),
        schedule: z.looseObject({ frequency: z.any(), timeout: z.any().optional() }).optional(),
      })).optional(),
    }).optional(),
  }).optional(),
});

type DiscoveryTarget = { id: string; target: string; schedule?: { frequency: unknown; timeout?: unknown } };

/**
 * Finds descriptor files by glob in a git repository or a local tree, on the scheduler, and keeps one
 * Location per file in the catalog. Unchanged sources (same commit) cost one cheap check; on a change
 * the set is replaced and every file is re-read at once.
 */
export async function runDiscovery(target: DiscoveryTarget, deps: { reader: UrlReaderService; connection: EntityProviderConnection; logger: Logger }, state: { etag?: string }): Promise<void> {
  const isFile = !/^[a-z][a-z0-9+.-]*:\/\//i.test(target.target) && !target.target.startsWith('file:');
  const url = isFile ? pathToFileURL(isAbsolute(target.target) ? target.target : resolve(target.target)).href.replace(/%2A/g, '*') : target.target;
  let found;
  try {
    found = await deps.reader.search(url, state.etag ? { etag: state.etag } : {});
  } catch (e) {
    if (e instanceof NotModifiedError) return;
    deps.logger.warn(`Discovery ${target.id}: could not search ${target.target}: ${(e as Error).message}; the catalog keeps what it had`);
    return;
  }
  const type = url.startsWith('file:') ? 'file' : 'url';
  const locations = found.files.map((f) => ({ type, target: type === 'file' ? new URL(f.url).pathname : f.url }));
  await deps.connection.applyMutation({
    type: 'full',
    entities: locations.map((l) => ({ entity: locationEntityFor(l), locationKey: `${l.type}:${l.target}` })),
  });
  // A new commit may change files whose Location entity is the same: read them all again now.
  await deps.connection.refresh({ locationKeys: locations.map((l) => `${l.type}:${l.target}`) });
  state.etag = found.etag;
  deps.logger.info(`Discovery ${target.id}: ${locations.length} descriptor file${locations.length === 1 ? '' : 's'} at ${found.etag.slice(0, 12)}`);
}

/** Catalog module `discovery`: `catalog.providers.discovery: [{ id, target, schedule? }]`. */
export const discoveryModule = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'discovery',
  configSchema: discoveryConfig,
  register(env) {
    env.registerInit({
      deps: { catalog: catalogProcessingExtensionPoint, config: coreServices.rootConfig, reader: coreServices.urlReader, scheduler: coreServices.scheduler, logger: coreServices.logger },
      init({ catalog, config, reader, scheduler, logger }) {
        const targets = (config.getOptional('catalog.providers.discovery') ?? []) as DiscoveryTarget[];
        for (const target of targets) {
          catalog.addEntityProvider({
            getProviderName: () => `discovery:${target.id}`,
            connect: (connection) => schedule(scheduler, target, { reader, connection, logger }),
          });
        }
      },
    });
  },
});

async function schedule(scheduler: SchedulerService, target: DiscoveryTarget, deps: { reader: UrlReaderService; connection: EntityProviderConnection; logger: Logger }) {
  const state: { etag?: string } = {};
  await scheduler.schedule({
    id: `discovery-${target.id}`,
    scope: 'global',
    frequency: (target.schedule?.frequency as never) ?? { minutes: 5 },
    timeout: (target.schedule?.timeout as never) ?? { minutes: 3 },
    initialDelay: { seconds: 1 },
    fn: () => runDiscovery(target, deps, state),
  });
}
