import {
  createGithubCredentialsProvider, InputError, readGithubIntegrations, resolveGithubIntegrations, type Config, type GithubCredentialsProvider,
} from '@atrium/backend';
import { parseRepoUrl } from '@atrium/plugin-scaffolder/common';
import { resolveSafeChildPath } from '../fetch/safePath.js';
import { initAndPush } from './gitPush.js';
import { commonPublishProperties, publishOutputSchema } from './publishGit.js';
import { createTemplateAction } from './types.js';

interface Input {
  repoUrl: string; description?: string; defaultBranch?: string; repoVisibility?: 'private' | 'internal' | 'public'; sourcePath?: string;
  gitCommitMessage?: string; gitAuthorName?: string; gitAuthorEmail?: string; token?: string; topics?: string[]; homepage?: string;
}

async function github<T>(apiBaseUrl: string, token: string, method: string, path: string, body?: unknown): Promise<{ status: number; data: T }> {
  const r = await fetch(`${apiBaseUrl}${path}`, {
    method,
    headers: { authorization: `token ${token}`, accept: 'application/vnd.github+json', 'user-agent': 'atrium-scaffolder', ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await r.text();
  const data = (text ? JSON.parse(text) : {}) as T;
  if (r.status >= 400) {
    const message = (data as { message?: string; errors?: Array<{ message?: string }> });
    throw new Error(`GitHub answered ${r.status} to ${method} ${path}: ${message.message ?? text}${message.errors?.length ? ` (${message.errors.map((e) => e.message).join('; ')})` : ''}`);
  }
  return { status: r.status, data };
}

/** `publish:github`: creates the repository through GitHub's REST API, then pushes the workspace. */
export function createPublishGithubAction(config: Config) {
  // Per host, kept across tasks: a GitHub App's installation token is reused until it nears expiry.
  const credentials = new Map<string, GithubCredentialsProvider>();
  return createTemplateAction<Input>({
    id: 'publish:github',
    description: 'Creates a GitHub repository (in an organisation or for the token\'s user) and pushes the workspace to it.',
    schema: {
      input: {
        type: 'object', required: ['repoUrl'],
        properties: {
          ...commonPublishProperties,
          repoVisibility: { type: 'string', enum: ['private', 'internal', 'public'], title: 'Visibility (default private)' },
          topics: { type: 'array', items: { type: 'string' } },
          homepage: { type: 'string' },
        },
      },
      output: publishOutputSchema,
    },
    async handler(ctx) {
      const parts = parseRepoUrl(ctx.input.repoUrl);
      const integration = resolveGithubIntegrations(readGithubIntegrations(config)).find((i) => i.host === parts.host);
      if (!integration) throw new InputError(`repoUrl: no integrations.github entry for host ${parts.host}`);
      if (!parts.owner) throw new InputError('repoUrl: GitHub repositories need an owner');
      if (!credentials.has(integration.host)) credentials.set(integration.host, createGithubCredentialsProvider(integration));
      // The step's own token, else the owner's GitHub App installation, else the integration's token.
      const token = ctx.input.token ?? (await credentials.get(integration.host)!.getCredentials({ owner: parts.owner })).token;
      if (!token) throw new InputError(`integrations.github for ${parts.host} has no token or GitHub App for ${parts.owner}, and the step gave none`);
      const api = integration.apiBaseUrl;
      const owner = await github<{ type?: string }>(api, token, 'GET', `/users/${encodeURIComponent(parts.owner)}`);
      const body = {
        name: parts.repo, description: ctx.input.description, private: (ctx.input.repoVisibility ?? 'private') !== 'public',
        ...(ctx.input.repoVisibility === 'internal' && { visibility: 'internal' }), homepage: ctx.input.homepage,
      };
      const path = owner.data.type === 'Organization' ? `/orgs/${encodeURIComponent(parts.owner)}/repos` : '/user/repos';
      ctx.logger.info(`Creating ${parts.owner}/${parts.repo} on ${parts.host}`);
      const created = await github<{ clone_url: string; html_url: string }>(api, token, 'POST', path, body);
      if (ctx.input.topics?.length) {
        await github(api, token, 'PUT', `/repos/${encodeURIComponent(parts.owner)}/${encodeURIComponent(parts.repo)}/topics`, { names: ctx.input.topics });
      }
      const branch = ctx.input.defaultBranch ?? 'main';
      const dir = await resolveSafeChildPath(ctx.workspacePath, ctx.input.sourcePath ?? '.', 'sourcePath');
      const { commitHash, files } = await initAndPush({
        dir, remoteUrl: created.data.clone_url, branch, auth: { username: 'x-access-token', password: token }, signal: ctx.signal,
        message: ctx.input.gitCommitMessage ?? 'initial commit',
        author: { name: ctx.input.gitAuthorName ?? 'Atrium Scaffolder', email: ctx.input.gitAuthorEmail ?? 'scaffolder@atrium.invalid' },
      });
      ctx.logger.info(`Pushed ${files} files to ${created.data.html_url} as ${commitHash.slice(0, 8)}`);
      ctx.output('remoteUrl', created.data.html_url);
      ctx.output('repoContentsUrl', `${created.data.html_url}/blob/${branch}`);
      ctx.output('commitHash', commitHash);
    },
  });
}
