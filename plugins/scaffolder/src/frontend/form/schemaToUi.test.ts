import { describe, expect, it } from 'vitest';
import { reviewRows, secretFields, splitSchema } from './schemaToUi';

describe('template pages as RJSF schema and uiSchema', () => {
  it('moves ui:* keys into the uiSchema, through properties, items, dependencies and if/then', () => {
    const { schema, uiSchema } = splitSchema({
      title: 'Page', 'ui:order': ['b', 'a'],
      properties: { a: { type: 'string', 'ui:field': 'EntityPicker', 'ui:options': { catalogFilter: { kind: 'Group' } } }, list: { type: 'array', items: { type: 'string', 'ui:widget': 'textarea' } } },
      dependencies: { a: { oneOf: [{ properties: { b: { type: 'string', 'ui:help': 'B help' } } }] } },
      if: { properties: { a: { const: 'x' } } }, then: { properties: { c: { type: 'string', 'ui:autofocus': true } } },
    });
    expect(JSON.stringify(schema)).not.toContain('ui:');
    expect(uiSchema).toEqual({
      'ui:order': ['b', 'a'], a: { 'ui:field': 'EntityPicker', 'ui:options': { catalogFilter: { kind: 'Group' } } },
      list: { items: { 'ui:widget': 'textarea' } }, b: { 'ui:help': 'B help' }, c: { 'ui:autofocus': true },
    });
  });

  it('masks secrets in the review, hides fields asked to be hidden, and lists secret fields', () => {
    const pages = [{
      properties: { name: { type: 'string', title: 'Name' }, token: { type: 'string', 'ui:field': 'Secret' }, hidden: { type: 'string', 'ui:backstage': { review: { show: false } } }, tags: { type: 'array' }, db: { type: 'boolean', title: 'Database' } },
      dependencies: { db: { oneOf: [{ properties: { db: { const: true }, dbName: { type: 'string', title: 'Database name' } } }] } },
    }];
    expect(secretFields(pages)).toEqual(new Set(['token']));
    expect(reviewRows(pages, { name: 'svc', token: 'abc', hidden: 'h', tags: ['a', 'b'], db: true, dbName: 'svc_db' })).toEqual([
      { key: 'name', label: 'Name', value: 'svc', masked: false },
      { key: 'token', label: 'token', value: '••••••', masked: true },
      { key: 'tags', label: 'tags', value: 'a, b', masked: false },
      { key: 'db', label: 'Database', value: 'Yes', masked: false },
      { key: 'dbName', label: 'Database name', value: 'svc_db', masked: false },
    ]);
  });
});
