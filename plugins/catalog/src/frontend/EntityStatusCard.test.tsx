import { describe, expect, it } from 'vitest';
import { MantineProvider } from '@mantine/core';
import { renderToString } from 'react-dom/server';
import type { Entity } from '@atrium/model';
import { EntityStatusCard } from './EntityStatusCard';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'broken' },
  status: { items: [
    { type: 'backstage.io/catalog-processing', level: 'warning', message: 'dependsOn resource:default/gone: no such entity in the catalog' },
    { type: 'backstage.io/catalog-processing', level: 'error', message: 'Invalid descriptor', error: { name: 'InputError', message: 'spec.owner is required', url: 'https://git/x/catalog-info.yaml', line: 7 } },
  ] },
};

describe('EntityStatusCard', () => {
  it('lists processing errors before warnings, with where in the descriptor they are', () => {
    const html = renderToString(<MantineProvider><EntityStatusCard entity={entity} /></MantineProvider>);
    expect(html).toContain('Processing errors');
    expect(html.indexOf('spec.owner is required')).toBeLessThan(html.indexOf('no such entity'));
    expect(html).toContain('https://git/x/catalog-info.yaml:7');
  });
});
