import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import defaultEntities from '../../../node_modules/@backstage/create-app/templates/default-app/examples/entities.yaml?raw';
import defaultOrg from '../../../node_modules/@backstage/create-app/templates/default-app/examples/org.yaml?raw';
import defaultTemplate from '../../../node_modules/@backstage/create-app/templates/default-app/examples/template/template.yaml?raw';
import legacyEntities from '../../../node_modules/@backstage/create-app/templates/legacy-app/examples/entities.yaml?raw';
import legacyOrg from '../../../node_modules/@backstage/create-app/templates/legacy-app/examples/org.yaml?raw';
import legacyTemplate from '../../../node_modules/@backstage/create-app/templates/legacy-app/examples/template/template.yaml?raw';
import type { Entity } from './entity.js';
import { relationsFromSpec } from './relationsFromSpec.js';
import { stringifyEntityRef } from './ref.js';
import { validateEntity } from './validator.js';

// Backstage's own example catalog, as `npx @backstage/create-app` ships it: it must be accepted as is.
const files: Record<string, string> = {
  'default-app/entities.yaml': defaultEntities,
  'default-app/org.yaml': defaultOrg,
  'default-app/template.yaml': defaultTemplate,
  'legacy-app/entities.yaml': legacyEntities,
  'legacy-app/org.yaml': legacyOrg,
  'legacy-app/template.yaml': legacyTemplate,
};

function documents(text: string): unknown[] {
  return parseAllDocuments(text).map(d => d.toJS()).filter(d => d !== null && d !== undefined);
}

const expectedRelations: Record<string, string[]> = {
  'system:default/examples': ['ownedBy group:default/guests'],
  'component:default/example-website': [
    'ownedBy group:default/guests', 'partOf system:default/examples', 'providesApi api:default/example-grpc-api',
  ],
  'api:default/example-grpc-api': ['ownedBy group:default/guests', 'partOf system:default/examples'],
  'user:default/guest': ['memberOf group:default/guests'],
  'group:default/guests': [],
  'template:default/example-nodejs-template': ['ownedBy user:default/guest'],
};

describe('Backstage example catalog (create-app)', () => {
  for (const [file, text] of Object.entries(files)) {
    it(`accepts every entity of ${file} with no errors and the expected relations`, () => {
      const docs = documents(text);
      expect(docs.length).toBeGreaterThan(0);
      for (const doc of docs) {
        const result = validateEntity(doc);
        expect(result.errors).toEqual([]);
        const entity = result.entity as Entity;
        expect(entity.metadata.namespace).toBe('default');
        const ref = stringifyEntityRef(entity);
        const { relations, errors } = relationsFromSpec(entity);
        expect(errors).toEqual([]);
        expect(relations.map(r => `${r.type} ${r.targetRef}`).sort()).toEqual([...(expectedRelations[ref] ?? ['<unexpected entity>'])].sort());
      }
    });
  }

  it('covers every built-in kind the examples use', () => {
    const kinds = new Set(Object.values(files).flatMap(documents).map(d => (d as Entity).kind));
    expect([...kinds].sort()).toEqual(['API', 'Component', 'Group', 'System', 'Template', 'User']);
  });
});
