import { z } from 'zod';
import { parseHumanDuration, type Config } from '@atrium/backend';

const unit = z.number().min(0).optional();
const duration = z.union([z.number().int().min(0), z.strictObject({ milliseconds: unit, seconds: unit, minutes: unit, hours: unit, days: unit })]);

export const configSchema = z.looseObject({
  techdocs: z.looseObject({
    /** `local`: the portal builds docs when they are read; `external`: CI builds and publishes, the portal only serves. */
    builder: z.enum(['local', 'external']).optional(),
    /** How long a build is trusted before the source is checked again when someone reads it. */
    checkInterval: duration.optional(),
    /** Builds kept per site besides the current one (for a quick look back); older ones are deleted. */
    keepBuilds: z.number().int().min(0).max(100).optional(),
    /** Builds running at once in this instance. */
    maxConcurrentBuilds: z.number().int().min(1).max(16).optional(),
  }).optional(),
});

export interface TechDocsSettings {
  builder: 'local' | 'external';
  checkIntervalMs: number;
  keepBuilds: number;
  maxConcurrentBuilds: number;
}

export function readSettings(config: Config): TechDocsSettings {
  const interval = config.getOptional('techdocs.checkInterval');
  return {
    builder: (config.getOptionalString('techdocs.builder') as 'local' | 'external' | undefined) ?? 'local',
    checkIntervalMs: interval === undefined ? 60_000 : parseHumanDuration(interval as never),
    keepBuilds: config.getOptionalNumber('techdocs.keepBuilds') ?? 2,
    maxConcurrentBuilds: config.getOptionalNumber('techdocs.maxConcurrentBuilds') ?? 2,
  };
}
