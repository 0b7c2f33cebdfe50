import { createHash } from 'node:crypto';
import type { Entity } from '@atrium/model';

/**
 * The Location entity that stands for a registered or configured location, named as Backstage names
 * it (`generated-<sha1 of "type:target">`) so refs stay stable across the two products.
 */
export function locationEntityFor(location: { type: string; target: string; presence?: 'required' | 'optional' }): Entity {
  const key = `${location.type}:${location.target}`;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Location',
    metadata: {
      name: `generated-${createHash('sha1').update(key).digest('hex')}`,
      namespace: 'default',
      annotations: {
        'backstage.io/managed-by-location': key,
        'backstage.io/managed-by-origin-location': key,
      },
    },
    spec: { type: location.type, target: location.target, ...(location.presence ? { presence: location.presence } : {}) },
  };
}
