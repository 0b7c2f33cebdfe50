import { z } from 'zod';
import {
  ConfigError, readGithubIntegrations, resolveGithubIntegrations, type Config, type HumanDuration, type ResolvedGithubIntegration,
} from '@atrium/backend';

const duration = z.union([
  z.number().positive(),
  z.looseObject({ milliseconds: z.number().optional(), seconds: z.number().optional(), minutes: z.number().optional(), hours: z.number().optional(), days: z.number().optional() }),
]);

const orgEntry = z.looseObject({
  organization: z.string().min(1),
  host: z.string().min(1).optional(),
  catalogPath: z.string().min(1).optional(),
  schedule: z.looseObject({ frequency: duration, timeout: duration, initialDelay: duration.optional() }).optional(),
  filters: z.looseObject({ repository: z.string().optional() }).optional(),
});

/**
 * `catalog.providers.github`: the brief's list form (`[{ id, organization, … }]`) or Backstage's
 * keyed form (`{ <id>: { organization, … } }`), so existing app-config files keep working.
 */
export const githubOrgConfigSchema = z.looseObject({
  catalog: z.looseObject({
    providers: z.looseObject({
      github: z.union([z.array(orgEntry.extend({ id: z.string().min(1) })), z.record(z.string(), orgEntry)]).optional(),
    }).optional(),
  }).optional(),
});

export interface GithubOrgProviderConfig {
  id: string;
  organization: string;
  host: string;
  /** Path of the descriptor in each repository, without a leading slash. */
  catalogPath: string;
  schedule: { frequency: HumanDuration; timeout: HumanDuration; initialDelay?: HumanDuration };
  repositoryPattern?: RegExp;
  /** The `integrations.github` entry for the host (a token and/or GitHub Apps). */
  integration: ResolvedGithubIntegration;
  apiBaseUrl: string;
}

export function readGithubOrgConfigs(config: Config): GithubOrgProviderConfig[] {
  const parsed = githubOrgConfigSchema.safeParse({ catalog: { providers: { github: config.getOptional('catalog.providers.github') } } });
  if (!parsed.success) throw new ConfigError(`Invalid catalog.providers.github: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const raw = parsed.data.catalog?.providers?.github;
  if (!raw) return [];
  const entries = Array.isArray(raw) ? raw : Object.entries(raw).map(([id, entry]) => ({ ...entry, id }));
  const integrations = resolveGithubIntegrations(readGithubIntegrations(config));
  return entries.map((entry) => {
    const host = entry.host ?? 'github.com';
    const integration = integrations.find((i) => i.host === host) ?? resolveGithubIntegrations([{ host }])[0]!;
    let repositoryPattern: RegExp | undefined;
    try {
      // Anchored like Backstage's filter: the whole repository name must match.
      repositoryPattern = entry.filters?.repository ? new RegExp(`^(?:${entry.filters.repository})$`) : undefined;
    } catch (error) {
      throw new ConfigError(`catalog.providers.github ${entry.id}: filters.repository is not a valid regular expression (${(error as Error).message})`);
    }
    return {
      id: entry.id,
      organization: entry.organization,
      host,
      catalogPath: (entry.catalogPath ?? '/catalog-info.yaml').replace(/^\/+/, ''),
      schedule: entry.schedule ?? { frequency: { minutes: 30 }, timeout: { minutes: 10 } },
      ...(repositoryPattern && { repositoryPattern }),
      integration,
      apiBaseUrl: integration.apiBaseUrl,
    };
  });
}
