/** Where new issues for a docs site's repository are filed, from its repo URL. */
export type IssueTracker = { type: 'github' | 'gitlab'; repoUrl: string };

/** GitHub and GitLab repositories (also self-hosted ones with github/gitlab in their host name). */
export function issueTrackerFor(repoUrl: string | undefined): IssueTracker | undefined {
  if (!repoUrl) return undefined;
  let url: URL;
  try { url = new URL(repoUrl); } catch { return undefined; }
  if (!/^https?:$/.test(url.protocol)) return undefined;
  const path = url.pathname.replace(/\.git$/, '').replace(/\/+$/, '').replace(/\/-?\/?(tree|blob)\/.*$/, '');
  if (path.split('/').filter(Boolean).length < 2) return undefined;
  const base = `${url.origin}${path}`;
  if (/(^|\.)github\./.test(url.host) || url.host === 'github.com') return { type: 'github', repoUrl: base };
  if (/(^|\.)gitlab\./.test(url.host) || url.host === 'gitlab.com') return { type: 'gitlab', repoUrl: base };
  return undefined;
}

const MAX_QUOTE = 1500;

/**
 * A pre-filled new-issue link quoting the selected text and naming the page, for GitHub
 * (`/issues/new?title=&body=`) or GitLab (`/-/issues/new?issue[title]=&issue[description]=`).
 */
export function newIssueUrl(tracker: IssueTracker, input: { selection: string; pageTitle: string; pageUrl: string; siteName: string }): string {
  const text = input.selection.trim().replace(/\s+\n/g, '\n');
  const quoted = (text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE)}…` : text).split('\n').map((l) => `> ${l}`).join('\n');
  const title = `Documentation feedback: ${input.pageTitle}`;
  const body = `${quoted}\n\nOn [${input.pageTitle}](${input.pageUrl}) of the ${input.siteName} docs.\n\n<!-- Describe what is wrong or missing -->\n`;
  if (tracker.type === 'github') {
    return `${tracker.repoUrl}/issues/new?${new URLSearchParams({ title, body }).toString()}`;
  }
  return `${tracker.repoUrl}/-/issues/new?${new URLSearchParams({ 'issue[title]': title, 'issue[description]': body }).toString()}`;
}
