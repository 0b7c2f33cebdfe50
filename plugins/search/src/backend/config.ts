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
    /** Query statements one instance runs at once, the others waiting in line (default 4; 0: no limit). See ADR 9. */
    maxConcurrentQueries: z.number().int().min(0).max(100).optional(),
    collators: z.looseObject({
      catalog: z.object({ schedule: scheduleSchema.optional() }).strict().optional(),
      techdocs: z.object({ schedule: scheduleSchema.optional(), parallelism: z.number().int().min(1).max(20).optional() }).strict().optional(),
    }).optional(),
  }).optional(),
});

export const defaultMaxTermLength = DEFAULT_MAX_TERM_LENGTH;

/**
 * Measured on 2 cores at 10 concurrent users (ADR 9, 2026-12-04): 3 and 4 gave the same p99 (about 51 ms
 * against 64 without a limit), 4 the better throughput, and 2 lost throughput (the portal's own share of
 * each request no longer overlaps the database's). A larger database server loses little by it: 4 statements
 * of about 3 ms allow some 1,300 a second, more than the ~870 requests a second one instance's JavaScript
 * (about 1.15 ms each) can serve; each instance has its own limit.
 */
export const defaultMaxConcurrentQueries = 4;
