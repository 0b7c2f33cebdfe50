import type git from 'isomorphic-git';
import { loadGit } from './loadGit.js';
import { NotAllowedError, NotFoundError, ServiceUnavailableError } from '../api/errors.js';
import type { ServerRefs } from './gitUrl.js';
import { redactUrl } from './urlUtils.js';

/**
 * The server's branches, tags and default branch: one `info/refs` request (protocol v1, which
 * isomorphic-git's fetch uses too, so servers need only one protocol). Errors become Atrium errors
 * whose messages carry the repository URL but never the credentials.
 */
export async function listServerRefs(repoUrl: string, headers: Record<string, string>): Promise<ServerRefs> {
  let refs: Awaited<ReturnType<typeof git.listServerRefs>>;
  const { git: client, http } = await loadGit();
  try {
    refs = await client.listServerRefs({ http, url: repoUrl, headers, protocolVersion: 1, symrefs: true, peelTags: true });
  } catch (error) {
    throw toReadError(error, repoUrl);
  }
  const result: ServerRefs = { heads: new Map(), tags: new Map() };
  for (const ref of refs) {
    if (ref.ref === 'HEAD' && ref.target?.startsWith('refs/heads/')) {
      result.defaultBranch = ref.target.slice('refs/heads/'.length);
    } else if (ref.ref.startsWith('refs/heads/')) {
      result.heads.set(ref.ref.slice('refs/heads/'.length), ref.oid);
    } else if (ref.ref.startsWith('refs/tags/')) {
      result.tags.set(ref.ref.slice('refs/tags/'.length), ref.peeled ?? ref.oid);
    }
  }
  return result;
}

/** Maps isomorphic-git's HttpError (and network failures) to errors users can act on. */
export function toReadError(error: unknown, repoUrl: string): Error {
  const repo = redactUrl(repoUrl);
  const status = (error as { code?: string; data?: { statusCode?: number } }).code === 'HttpError'
    ? (error as { data?: { statusCode?: number } }).data?.statusCode
    : undefined;
  if (status === 404) return new NotFoundError(`Git repository ${repo} was not found`);
  if (status === 401 || status === 403) {
    return new NotAllowedError(`Git server refused access to ${repo} (HTTP ${status}): check the credentials of its integrations.git entry`);
  }
  const reason = status ? `HTTP ${status}` : ((error as Error)?.message ?? String(error)).replace(/\/\/[^/@\s]*@/g, '//');
  return new ServiceUnavailableError(`Git server for ${repo} failed: ${reason}`, { cause: error });
}
