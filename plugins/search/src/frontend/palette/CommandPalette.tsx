import '@mantine/spotlight/styles.css';
import './palette.css';
import { Group, Kbd, Loader, Text } from '@mantine/core';
import { Spotlight } from '@mantine/spotlight';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { useSearchResults } from '../api';
import { CommandIcon, KindIcon } from './PaletteIcon';
import { filterCommands, usePaletteCommands, type PaletteCommand } from './paletteCommands';
import { groupResults } from './paletteResults';
import { paletteActions, paletteStore, selectFirstAction } from './paletteStore';
import { readRecentSearches, rememberSearch } from './recentSearches';

/**
 * Ctrl/Cmd+K: instant search over entities, templates and docs, and over the portal's pages and actions.
 * A Mantine Spotlight (a modal: focus stays inside, Escape closes, arrows move, Enter opens).
 */
export default function CommandPalette() {
  const navigate = useNavigate();
  const [query, setQuery] = useState('');
  // No debounce: what is typed goes out at once unless a request is still running; then only the latest
  // text waits for it, so fast typing costs one request at a time and a pause never waits for a timer.
  const typed = query.trim();
  const [term, setTerm] = useState(typed);
  const results = useSearchResults({ term, pageLimit: 15 }, { enabled: term.length > 0 });
  const busy = results.isFetching;
  useEffect(() => { if (!busy && typed !== term) setTerm(typed); }, [busy, typed, term]);
  // The keystroke itself sends when nothing is running: one render to the request instead of two.
  const onQueryChange = (next: string) => {
    setQuery(next);
    if (!busy) setTerm(next.trim());
  };
  const commands = usePaletteCommands();
  const [recent, setRecent] = useState(readRecentSearches);
  // Opened by the header's trigger before this module loaded.
  useEffect(() => paletteActions.open(), []);

  const shownFor = term && results.data && !results.isPlaceholderData ? term : undefined;
  const groups = useMemo(() => groupResults(term && results.data ? results.data.results : []), [term, results.data]);
  const matchingCommands = filterCommands(commands, query).slice(0, query ? 5 : 20);
  // Keep the first row selected as results arrive, so Enter opens the best match.
  useEffect(() => { if (query) selectFirstAction(); }, [query, results.data]);

  const go = (to: string) => {
    rememberSearch(query);
    setRecent(readRecentSearches());
    void navigate(to);
  };
  const runCommand = (c: PaletteCommand) => (c.run ? c.run() : c.to && void navigate(c.to));
  const item = (key: string, label: string, description: string | undefined, icon: React.ReactNode, onClick: () => void) => (
    <Spotlight.Action key={key} label={label} description={description} leftSection={icon} onClick={onClick} data-testid="palette-action" />
  );

  return (
    <Spotlight.Root
      store={paletteStore} query={query} onQueryChange={onQueryChange} shortcut={null} scrollable maxHeight={480}
      aria-label="Quick search" onSpotlightClose={() => setQuery('')}
      className="atrium-palette" classNames={{ action: 'atrium-palette-action' }}
    >
      <Spotlight.Search
        placeholder="Search entities, docs, templates, pages and actions…" aria-label="Quick search"
        leftSection={results.isFetching ? <Loader size={16} /> : <CommandIcon icon="search" />}
        onKeyDown={(e) => { if (e.key === 'Enter' && paletteStore.getState().selected < 0) selectFirstAction(); }}
      />
      <Spotlight.ActionsList data-testid="palette-list" data-results-for={shownFor}>
        {!query && recent.length > 0 && (
          <Spotlight.ActionsGroup label="Recent searches">
            {recent.map((r) => <Spotlight.Action key={`recent:${r}`} label={r} leftSection={<CommandIcon icon="recent" />} closeSpotlightOnTrigger={false} onClick={() => setQuery(r)} />)}
          </Spotlight.ActionsGroup>
        )}
        {groups.entities.length > 0 && (
          <Spotlight.ActionsGroup label="Entities">
            {groups.entities.map((x) => item(x.key, x.label, x.description, <KindIcon kind={x.kind} />, () => go(x.to)))}
          </Spotlight.ActionsGroup>
        )}
        {groups.templates.length > 0 && (
          <Spotlight.ActionsGroup label="Templates">
            {groups.templates.map((x) => item(x.key, x.label, x.description, <KindIcon kind="template" />, () => go(x.to)))}
          </Spotlight.ActionsGroup>
        )}
        {groups.docs.length > 0 && (
          <Spotlight.ActionsGroup label="Docs">
            {groups.docs.map((x) => item(x.key, x.label, x.description, <CommandIcon icon="docs" />, () => go(x.to)))}
          </Spotlight.ActionsGroup>
        )}
        {groups.other.length > 0 && (
          <Spotlight.ActionsGroup label="Other">
            {groups.other.map((x) => item(x.key, x.label, x.description, <CommandIcon icon="page" />, () => go(x.to)))}
          </Spotlight.ActionsGroup>
        )}
        {(['Actions', 'Pages'] as const).map((g) => {
          const list = matchingCommands.filter((c) => c.group === g);
          return list.length > 0 && (
            <Spotlight.ActionsGroup key={g} label={g}>
              {list.map((c) => item(c.id, c.label, c.description, <CommandIcon icon={c.icon} />, () => runCommand(c)))}
            </Spotlight.ActionsGroup>
          );
        })}
        {query.trim() && item('all', `Search everything for “${query.trim()}”`, 'Open the search page with filters', <CommandIcon icon="search" />,
          () => go(`/search?query=${encodeURIComponent(query.trim())}`))}
        {query.trim() && results.isError && <Spotlight.Empty>Search is not answering ({results.error.message}). Pages and actions still work.</Spotlight.Empty>}
      </Spotlight.ActionsList>
      <Spotlight.Footer>
        <Group gap="md" justify="center" c="dimmed">
          <Text size="xs"><Kbd size="xs">↑</Kbd> <Kbd size="xs">↓</Kbd> to move</Text>
          <Text size="xs"><Kbd size="xs">Enter</Kbd> to open</Text>
          <Text size="xs"><Kbd size="xs">Esc</Kbd> to close</Text>
        </Group>
      </Spotlight.Footer>
    </Spotlight.Root>
  );
}
