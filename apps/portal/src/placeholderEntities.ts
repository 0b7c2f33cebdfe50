/**
 * PLACEHOLDER: a few example entities for the entity page until the catalog plugin provides a real
 * entity source. Delete this file (and its use in main.tsx) when the catalog plugin lands.
 */
import { createStaticEntitySource } from '@atrium/frontend';
import type { Entity } from '@atrium/model';

const component = (name: string, spec: Record<string, unknown>, metadata: Partial<Entity['metadata']> = {}): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', ...metadata },
  spec,
});

export const placeholderEntities: Entity[] = [
  component('example-service', { type: 'service', lifecycle: 'production', owner: 'group:default/team-a', system: 'examples' }, {
    title: 'Example Service',
    description: 'A service that greets people. Used to show how plugins add tabs and cards to entity pages.',
    tags: ['typescript', 'example'],
    annotations: { 'backstage.io/techdocs-ref': 'dir:.' },
    links: [{ url: 'https://example.com/dashboard', title: 'Dashboard' }],
  }),
  component('example-website', { type: 'website', lifecycle: 'experimental', owner: 'group:default/team-b', system: 'examples' }, {
    description: 'The public website of the example organisation.',
    tags: ['react'],
  }),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'team-a', namespace: 'default', title: 'Team A', description: 'Owns the example service.' },
    spec: { type: 'team', children: [] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'examples', namespace: 'default', description: 'Everything in the example organisation.' },
    spec: { owner: 'group:default/team-a' },
  },
];

/** Serves `placeholderEntities` to the entity page. */
export const placeholderEntitySource = createStaticEntitySource(placeholderEntities);
