import type { Config } from '../../api/services.js';
import { hostMatches } from '../urlUtils.js';

/** A GitHub App (`integrations.github[].apps[]`): its installations' tokens authenticate requests. */
export interface GithubApp {
  appId: number | string;
  /** The app's private key (PEM, as GitHub issues it). */
  privateKey: string;
  /** Only installations on these accounts are used; by default any account the app is installed on. */
  allowedInstallationOwners?: string[];
}

/** One entry of `integrations.github` (Backstage's key and shape). */
export interface GithubIntegration {
  /** The web host of the URLs this integration reads, e.g. `github.com` or `ghe.example.org`. */
  host: string;
  /** Sent as `Authorization: Bearer`; without it requests are anonymous (60 an hour on github.com). */
  token?: string;
  /** Default: `https://api.github.com` for github.com, `https://<host>/api/v3` for GitHub Enterprise. */
  apiBaseUrl?: string;
  /** Accepted for config compatibility; reads go through the API, which also serves raw content. */
  rawBaseUrl?: string;
  /** GitHub Apps, tried before `token` for an owner the app is installed on. */
  apps?: GithubApp[];
}

export type ResolvedGithubIntegration = GithubIntegration & { apiBaseUrl: string };

export const GITHUB_COM = 'github.com';

export function defaultApiBaseUrl(host: string): string {
  return host === GITHUB_COM ? 'https://api.github.com' : `https://${host}/api/v3`;
}

/**
 * Fills in API defaults. Unlike Backstage, github.com is not added implicitly: a deployment that reads
 * github.com through `integrations.git` keeps doing so until it lists github.com here.
 */
export function resolveGithubIntegrations(integrations: GithubIntegration[]): ResolvedGithubIntegration[] {
  return integrations.map((integration) => ({
    ...integration,
    apiBaseUrl: (integration.apiBaseUrl ?? defaultApiBaseUrl(integration.host)).replace(/\/+$/, ''),
  }));
}

export function readGithubIntegrations(config: Config): GithubIntegration[] {
  return (config.getOptionalConfigArray('integrations.github') ?? []).map((entry) => ({
    host: entry.getOptionalString('host') ?? GITHUB_COM,
    token: entry.getOptionalString('token'),
    apiBaseUrl: entry.getOptionalString('apiBaseUrl'),
    rawBaseUrl: entry.getOptionalString('rawBaseUrl'),
    apps: entry.getOptionalConfigArray('apps')?.map((app) => ({
      appId: app.get('appId') as number | string,
      privateKey: app.getString('privateKey'),
      allowedInstallationOwners: app.getOptionalStringArray('allowedInstallationOwners'),
    })),
  }));
}

export function integrationForUrl(integrations: ResolvedGithubIntegration[], url: URL): ResolvedGithubIntegration | undefined {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  return integrations.find((integration) => hostMatches(integration.host, url));
}
