import type { SearchDocument } from '@atrium/plugin-search/common';

/** A small fixed corpus for relevance tests: a few services of a music company and their docs. */
export function entityDoc(name: string, fields: Partial<SearchDocument> & { description?: string } = {}): SearchDocument {
  const { description, ...rest } = fields;
  const kind = rest.kind ?? 'Component';
  return {
    title: name,
    text: description ?? '',
    location: `/catalog/default/${kind.toLowerCase()}/${name}`,
    name,
    entityRef: `${kind.toLowerCase()}:default/${name}`,
    kind,
    type: 'service',
    lifecycle: 'production',
    namespace: 'default',
    owner: 'group:default/team-playback',
    tags: [],
    ...rest,
  };
}

export const catalogCorpus: SearchDocument[] = [
  entityDoc('playback-service', { description: 'Streams audio to listeners at the right bitrate', tags: ['java', 'audio'] }),
  entityDoc('playback-ui', { type: 'website', owner: 'group:default/team-web', description: 'The web player that uses the playback service' }),
  entityDoc('playlist-service', { description: 'Stores playlists; calls the playback service for previews', tags: ['go'] }),
  entityDoc('search', { type: 'library', owner: 'group:default/team-web', description: 'Client library', lifecycle: 'experimental' }),
  entityDoc('search-indexer', {
    title: 'Search indexer', owner: 'group:default/team-data',
    description: 'Search search search: indexes search documents for the search page',
  }),
  entityDoc('billing-api', { kind: 'API', type: 'openapi', owner: 'group:default/team-payments', description: 'Invoices and payments' }),
  entityDoc('team-web', { kind: 'Group', type: 'team', owner: undefined, lifecycle: undefined, description: 'Web team : web@acme.test' }),
  entityDoc('create-service', { kind: 'Template', type: 'service', description: 'Create a new Java service with CI', templateLocation: '/create/templates/default/create-service' }),
];

export const docsCorpus: SearchDocument[] = [
  {
    title: 'Runbook', text: 'When playback stalls, restart playback workers. Playback playback playback.',
    location: '/docs/default/component/playback-service/runbook/', entityRef: 'component:default/playback-service', entityTitle: 'playback-service',
    name: 'playback-service', kind: 'Component', namespace: 'default', owner: 'group:default/team-playback', path: 'Runbook',
  },
  {
    title: 'Bitrates', text: 'Adaptive bitrate ladders for every codec we stream.',
    location: '/docs/default/component/playback-service/runbook/#bitrates', entityRef: 'component:default/playback-service', entityTitle: 'playback-service',
    name: 'playback-service', kind: 'Component', namespace: 'default', owner: 'group:default/team-playback', path: 'Runbook › Bitrates',
  },
];
