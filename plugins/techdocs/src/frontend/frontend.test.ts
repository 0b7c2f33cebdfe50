import { describe, expect, it } from 'vitest';
import { issueTrackerFor, newIssueUrl } from './issueLink';
import { createSiteSearch } from './siteSearch';
import { timeAgo } from './timeAgo';

describe('report an issue links', () => {
  const input = { selection: 'Run make dev\nthen wait', pageTitle: 'Local development', pageUrl: 'http://portal/docs/default/component/x/guide/', siteName: 'X' };

  it('opens a pre-filled GitHub issue quoting the selection and naming the page', () => {
    const tracker = issueTrackerFor('https://github.com/acme-music/playback-service/tree/main/docs');
    expect(tracker).toEqual({ type: 'github', repoUrl: 'https://github.com/acme-music/playback-service' });
    const url = new URL(newIssueUrl(tracker!, input));
    expect(url.origin + url.pathname).toBe('https://github.com/acme-music/playback-service/issues/new');
    expect(url.searchParams.get('title')).toBe('Documentation feedback: Local development');
    expect(url.searchParams.get('body')).toMatch(/^> Run make dev\n> then wait\n\nOn \[Local development\]\(http:\/\/portal\/docs\/default\/component\/x\/guide\/\) of the X docs\./);
  });

  it('uses GitLab\'s issue[title] and issue[description] parameters', () => {
    const url = new URL(newIssueUrl(issueTrackerFor('https://gitlab.example.com/group/sub/repo.git')!, input));
    expect(url.pathname).toBe('/group/sub/repo/-/issues/new');
    expect(url.searchParams.get('issue[title]')).toBe('Documentation feedback: Local development');
    expect(url.searchParams.get('issue[description]')).toContain('> then wait');
  });

  it('offers nothing for hosts it cannot file issues on', () => {
    expect(issueTrackerFor('https://git.example.com/a/b')).toBeUndefined();
    expect(issueTrackerFor('not a url')).toBeUndefined();
    expect(issueTrackerFor('https://github.com/only-owner')).toBeUndefined();
  });
});

describe('in-site search', () => {
  const search = createSiteSearch({
    config: { lang: ['en'], separator: '', pipeline: [] },
    docs: [
      { location: '', title: 'Playback service', text: 'Starts playback sessions for every client.' },
      { location: 'guides/local-dev/', title: 'Local development', text: 'You need Go and Docker to run the service locally.' },
      { location: 'runbook/#kafka-buffer-filling-up', title: 'Kafka buffer filling up', text: 'The buffer metric grows while Kafka is unreachable.' },
    ],
  });

  it('matches every word by prefix while typing, title matches first', () => {
    expect(search('kaf').map((h) => h.location)).toEqual(['runbook/#kafka-buffer-filling-up']);
    expect(search('service').map((h) => h.location)).toEqual(['', 'guides/local-dev/']);
    expect(search('docker kafka')).toEqual([]);
    expect(search('the')).toEqual([]);
  });

  it('returns a snippet around the match', () => {
    expect(search('unreachable')[0]!.snippet).toContain('unreachable');
  });
});

describe('time ago', () => {
  it('says how long ago in words', () => {
    const now = Date.UTC(2026, 0, 10, 12);
    expect(timeAgo(now - 10_000, now)).toBe('just now');
    expect(timeAgo(now - 5 * 60_000, now)).toBe('5 minutes ago');
    expect(timeAgo(now - 26 * 3_600_000, now)).toBe('yesterday');
  });
});
