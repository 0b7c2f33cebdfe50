import { z } from 'zod';
import type { Config, HumanDuration } from '@atrium/backend';

const kindRule = z.looseObject({
  allow: z.array(z.string()),
  locations: z.array(z.looseObject({ type: z.string(), exact: z.string().optional(), pattern: z.string().optional() })).optional(),
});

const duration = z.union([
  z.number().positive(),
  z.looseObject({ milliseconds: z.number().optional(), seconds: z.number().optional(), minutes: z.number().optional(), hours: z.number().optional(), days: z.number().optional() }),
]);

/** The catalog's keys, named as Backstage names them so existing app-config files keep working. */
export const catalogConfigSchema = z.looseObject({
  catalog: z.looseObject({
    locations: z.array(z.looseObject({
      type: z.enum(['url', 'file']),
      target: z.string().min(1),
      rules: z.array(kindRule).optional(),
    })).optional(),
    rules: z.array(kindRule).optional(),
    processingInterval: z.union([z.literal(false), duration]).optional(),
    orphanStrategy: z.enum(['delete', 'keep']).optional(),
    allowedLocationTypes: z.array(z.string()).optional(),
    readonly: z.boolean().optional(),
    /** How long facet counts and query totals may be reused before they are counted again (default 2 s; 0: never). Any change to the catalog drops them at once. */
    aggregateCacheTtl: z.union([z.literal(0), duration]).optional(),
    /** Megabytes of whole entities' JSON kept to answer pages of entities without reading them again (default 8; 0: none). */
    entityCacheMegabytes: z.number().min(0).optional(),
  }).optional(),
});

export interface CatalogSettings {
  locations: Array<{ type: 'url' | 'file'; target: string; rules?: Array<{ allow: string[] }> }>;
  rules?: Array<{ allow: string[]; locations?: Array<{ type: string; exact?: string; pattern?: string }> }>;
  /** Seconds until an entity is read again; null: never on a schedule (only on demand). */
  refreshIntervalSeconds: number | null;
  orphanStrategy: 'delete' | 'keep';
  allowedLocationTypes: string[];
  readonly: boolean;
  aggregateCacheTtlMs: number;
  entityCacheBytes: number;
}

export function readCatalogSettings(config: Config, toMs: (d: HumanDuration) => number): CatalogSettings {
  const c = (config.getOptional('catalog') ?? {}) as z.infer<typeof catalogConfigSchema>['catalog'] & object;
  const interval = c.processingInterval;
  return {
    locations: (c.locations ?? []) as CatalogSettings['locations'],
    rules: c.rules as CatalogSettings['rules'],
    refreshIntervalSeconds: interval === false ? null : interval === undefined ? 120 : toMs(interval as HumanDuration) / 1000,
    orphanStrategy: c.orphanStrategy ?? 'delete',
    allowedLocationTypes: c.allowedLocationTypes ?? ['url'],
    readonly: c.readonly ?? false,
    aggregateCacheTtlMs: c.aggregateCacheTtl === undefined ? 2000 : c.aggregateCacheTtl === 0 ? 0 : toMs(c.aggregateCacheTtl as HumanDuration),
    entityCacheBytes: Math.round((c.entityCacheMegabytes ?? 8) * 1024 * 1024),
  };
}
