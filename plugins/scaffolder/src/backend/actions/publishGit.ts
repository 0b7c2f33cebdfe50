import { InputError, type Config } from '@atrium/backend';
import { parseRepoUrl } from '@atrium/plugin-scaffolder/common';
import { resolveSafeChildPath } from '../fetch/safePath.js';
import { initAndPush, type GitAuth } from './gitPush.js';
import { createTemplateAction } from './types.js';

export interface GitIntegrationEntry { host: string; baseUrl?: string; username?: string; password?: string; token?: string }

export function readGitIntegrations(config: Config): GitIntegrationEntry[] {
  return (config.getOptionalConfigArray('integrations.git') ?? []).map((c) => ({
    host: c.getString('host'), baseUrl: c.getOptionalString('baseUrl'), username: c.getOptionalString('username'),
    password: c.getOptionalString('password'), token: c.getOptionalString('token'),
  }));
}

/** Whether a concrete `host[:port]` matches a configured host, which may be `*.example.com` or `host:*`. */
export function hostMatchesPattern(pattern: string, host: string): boolean {
  const [pHost = '', pPort] = pattern.toLowerCase().split(/:(?=[^:]*$)/);
  const [hHost = '', hPort] = host.toLowerCase().split(/:(?=[^:]*$)/);
  if (pPort !== '*' && pPort !== hPort) return false;
  if (pHost.startsWith('*.')) return hHost.endsWith(pHost.slice(1)) && hHost.length > pHost.length - 1;
  return pHost === hHost;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/i;

export function authFor(entry: { username?: string; password?: string; token?: string }, token?: string): GitAuth | undefined {
  if (token) return { username: entry.username ?? 'x-access-token', password: token };
  if (entry.token) return { username: entry.username ?? 'x-access-token', password: entry.token };
  if (entry.username && entry.password) return { username: entry.username, password: entry.password };
  return undefined;
}

export const commonPublishProperties = {
  repoUrl: { type: 'string', title: 'Repository', description: 'RepoUrlPicker value: <host>?owner=<owner>&repo=<repo>' },
  description: { type: 'string', title: 'Repository description' },
  defaultBranch: { type: 'string', title: 'Default branch (default main)' },
  sourcePath: { type: 'string', title: 'Folder of the workspace to publish (default: all of it)' },
  gitCommitMessage: { type: 'string', title: 'Commit message (default "initial commit")' },
  gitAuthorName: { type: 'string' },
  gitAuthorEmail: { type: 'string' },
  token: { type: 'string', title: 'Token to push with instead of the configured one' },
};

export const publishOutputSchema = {
  type: 'object',
  properties: { remoteUrl: { type: 'string' }, repoContentsUrl: { type: 'string' }, commitHash: { type: 'string' } },
};

/** `publish:git`: pushes the workspace as a new repository to a git server from `integrations.git`. */
export function createPublishGitAction(config: Config) {
  return createTemplateAction<{ repoUrl: string; defaultBranch?: string; sourcePath?: string; gitCommitMessage?: string; gitAuthorName?: string; gitAuthorEmail?: string; token?: string; description?: string }>({
    id: 'publish:git',
    description: 'Pushes the workspace as the first commit of an empty repository on a git server configured in integrations.git.',
    schema: { input: { type: 'object', required: ['repoUrl'], properties: commonPublishProperties }, output: publishOutputSchema },
    async handler(ctx) {
      const parts = parseRepoUrl(ctx.input.repoUrl);
      if (parts.host.includes('*')) throw new InputError(`repoUrl: ${parts.host} is a pattern; give the git server's actual host`);
      const entry = readGitIntegrations(config).find((e) => hostMatchesPattern(e.host, parts.host));
      if (!entry) throw new InputError(`repoUrl: no integrations.git entry for host ${parts.host} (configured: ${readGitIntegrations(config).map((e) => e.host).join(', ') || 'none'})`);
      const owner = parts.owner ?? parts.organization ?? parts.workspace ?? parts.project;
      // A git server on this machine (a local Gitea, the tests' server) usually speaks plain HTTP.
      const base = (entry.baseUrl ?? `${LOOPBACK.test(parts.host) ? 'http' : 'https'}://${parts.host}`).replace(/\/+$/, '');
      const remoteUrl = `${base}/${owner ? `${owner}/` : ''}${parts.repo}`;
      const branch = ctx.input.defaultBranch ?? 'main';
      const dir = await resolveSafeChildPath(ctx.workspacePath, ctx.input.sourcePath ?? '.', 'sourcePath');
      ctx.logger.info(`Pushing to ${remoteUrl} (branch ${branch})`);
      const { commitHash, files } = await initAndPush({
        dir, remoteUrl, branch, auth: authFor(entry, ctx.input.token), signal: ctx.signal,
        message: ctx.input.gitCommitMessage ?? 'initial commit',
        author: { name: ctx.input.gitAuthorName ?? 'Atrium Scaffolder', email: ctx.input.gitAuthorEmail ?? 'scaffolder@atrium.invalid' },
      });
      ctx.logger.info(`Pushed ${files} files as ${commitHash.slice(0, 8)}`);
      ctx.output('remoteUrl', remoteUrl);
      ctx.output('repoContentsUrl', `${remoteUrl}/blob/${branch}`);
      ctx.output('commitHash', commitHash);
    },
  });
}
