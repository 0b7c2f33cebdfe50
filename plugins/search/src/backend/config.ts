import { z } from 'zod';
import { DEFAULT_MAX_TERM_LENGTH } from '@atrium/plugin-search/common';

const duration = z.union([
  z.number().int().min(0),
  z.object({ milliseconds: z.number().optional(), seconds: z.number().optional(), minutes: z.number().optional(), hours: z.number().optional(), days: z.number().optional() }).strict(),
]);

export const scheduleSchema = z.object({ frequency: duration.optional(), timeout: duration.optional(), initialDelay: duration.optional() }).strict();

/** The keys the search plugin and its collators read. */
export const searchConfigSchema = z.looseObject({
  search: z.looseObject({
    /** Longest accepted search term (Backstage's default: 100). */
    maxTermLength: z.number().int().min(1).max(1_000).optional(),
    /** Below this many indexed documents every match is ranked in one simple query (default 5,000; 0: never). */
    smallIndexDocuments: z.number().int().min(0).optional(),
    /** How long an identical query's answer may be reused while the index is unchanged (default 30; 0: never). */
    resultCacheSeconds: z.number().min(0).max(3_600).optional(),
    collators: z.looseObject({
      catalog: z.object({ schedule: scheduleSchema.optional() }).strict().optional(),
      techdocs: z.object({ schedule: scheduleSchema.optional(), parallelism: z.number().int().min(1).max(20).optional() }).strict().optional(),
    }).optional(),
  }).optional(),
});

export const defaultMaxTermLength = DEFAULT_MAX_TERM_LENGTH;
