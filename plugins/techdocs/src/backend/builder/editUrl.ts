/**
 * The edit link of a page, as MkDocs makes it: `repo_url` + `edit_uri` + the page's path under
 * docs_dir. Without an `edit_uri`, GitHub and GitLab repositories get MkDocs' default (`edit/master/docs/`).
 */
export function editUrlFor(repoUrl: string | undefined, editUri: string | undefined, docsDir: string, source: string): string | undefined {
  let uri = editUri;
  if (uri === undefined && repoUrl) {
    const host = safeHost(repoUrl);
    if (host === 'github.com') uri = `edit/master/${docsDir}/`;
    else if (host === 'gitlab.com') uri = `-/edit/master/${docsDir}/`;
  }
  if (!uri) return undefined;
  const path = source.split('/').map(encodeURIComponent).join('/');
  if (/^https?:\/\//i.test(uri)) return `${uri.replace(/\/?$/, '/')}${path}`;
  if (!repoUrl) return undefined;
  return `${repoUrl.replace(/\/?$/, '/')}${uri.replace(/^\//, '').replace(/\/?$/, '/')}${path}`;
}

function safeHost(url: string): string | undefined {
  try { return new URL(url).host; } catch { return undefined; }
}
