import { posix } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InputError } from '@atrium/backend';
import { ANNOTATION_LOCATION, ANNOTATION_TECHDOCS_REF, type Entity } from '@atrium/model';

/** Where an entity's docs source is and how to link its pages for editing. */
export interface DocsSource {
  /** A URL the URL reader can read a tree from (`file:///...`, `https://git.../tree/main/x`). */
  url: string;
  /** True when the reader's etag is a commit sha. */
  isGit: boolean;
  repoUrl?: string;
  editUri?: (docsDir: string) => string;
}

/**
 * Resolves `backstage.io/techdocs-ref`: `url:<tree url>`, or `dir:<path>` relative to the folder of the
 * entity's descriptor (its `backstage.io/managed-by-location`, a `file:` or `url:` location).
 */
export function resolveDocsSource(entity: Entity): DocsSource {
  const ref = entity.metadata.annotations?.[ANNOTATION_TECHDOCS_REF];
  if (!ref) throw new InputError(`${entity.metadata.name} has no ${ANNOTATION_TECHDOCS_REF} annotation`);
  const [type, ...restParts] = ref.split(':');
  const target = restParts.join(':').trim();
  if (type === 'url') return forUrl(treeUrl(target, ref));
  if (type !== 'dir') throw new InputError(`${ANNOTATION_TECHDOCS_REF} "${ref}" must start with dir: or url:`);
  const location = entity.metadata.annotations?.[ANNOTATION_LOCATION];
  if (!location) throw new InputError(`${ANNOTATION_TECHDOCS_REF} "${ref}" is relative, but the entity has no ${ANNOTATION_LOCATION} annotation to resolve it against`);
  const [locType, ...locRest] = location.split(':');
  const locTarget = locRest.join(':');
  if (locType === 'file') {
    const dir = posix.resolve(posix.dirname(locTarget), target || '.');
    return { url: pathToFileURL(dir).href, isGit: false };
  }
  if (locType === 'url') {
    const base = new URL(locTarget);
    const resolved = new URL(target.replace(/\/?$/, '/'), new URL('.', base));
    // The docs folder must stay inside the repository the descriptor came from.
    if (!resolved.pathname.startsWith(repoPrefix(base))) throw new InputError(`${ANNOTATION_TECHDOCS_REF} "${ref}" points outside the repository of ${locTarget}`);
    return forUrl(treeUrl(resolved.href.replace(/\/$/, ''), ref));
  }
  throw new InputError(`${ANNOTATION_LOCATION} "${location}" is neither a file: nor a url: location`);
}

function treeUrl(target: string, ref: string): string {
  try {
    return new URL(target).href.replace(/\/(-\/)?blob\//, '/$1tree/');
  } catch {
    throw new InputError(`${ANNOTATION_TECHDOCS_REF} "${ref}" is not a valid URL`);
  }
}

function repoPrefix(url: URL): string {
  const m = /^(.*?\/(?:-\/)?(?:blob|tree)\/)/.exec(url.pathname);
  return m ? m[1]! : url.pathname.replace(/[^/]*$/, '');
}

// GitHub and GitLab get edit links from the source URL itself, as Backstage injects repo_url/edit_uri.
function forUrl(url: string): DocsSource {
  const u = new URL(url);
  const m = /^(.*?)\/(-\/)?tree\/(.*)$/.exec(u.pathname);
  const hosted = /(^|\.)(github|gitlab)\./.test(u.host) || u.host === 'github.com' || u.host === 'gitlab.com';
  if (!m || !hosted) return { url, isGit: true };
  const repoUrl = `${u.origin}${m[1]}`;
  const edit = `${m[2] ?? ''}edit/${m[3]!.replace(/\/$/, '')}`;
  return { url, isGit: true, repoUrl, editUri: (docsDir) => `${edit}/${docsDir ? `${docsDir}/` : ''}` };
}
