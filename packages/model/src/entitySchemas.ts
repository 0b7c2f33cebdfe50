/**
 * Draft-07 JSON Schemas of the entity envelope and metadata. They are registered under the ids
 * `Entity` and `EntityMeta` in every validator, so custom kind schemas written Backstage-style
 * (`allOf: [{ $ref: 'Entity' }, …]`) resolve.
 */

/** A JSON Schema document (draft-07), kept loose because plugins bring their own. */
export type JSONSchema = { [key: string]: unknown };

const nonEmptyString = { type: 'string', minLength: 1 } as const;

/** `metadata`: name required, well-known fields typed, extra keys allowed. */
export const ENTITY_META_SCHEMA: JSONSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'EntityMeta',
  type: 'object',
  required: ['name'],
  additionalProperties: true,
  properties: {
    uid: nonEmptyString,
    etag: nonEmptyString,
    generation: { type: 'integer', minimum: 1 },
    name: nonEmptyString,
    namespace: nonEmptyString,
    title: nonEmptyString,
    description: { type: 'string' },
    labels: { type: 'object', additionalProperties: { type: 'string' } },
    annotations: { type: 'object', additionalProperties: { type: 'string' } },
    tags: { type: 'array', items: nonEmptyString },
    links: {
      type: 'array',
      items: {
        type: 'object',
        required: ['url'],
        properties: { url: nonEmptyString, title: nonEmptyString, icon: nonEmptyString, type: nonEmptyString },
      },
    },
  },
};

/**
 * The envelope every entity must satisfy before anything else is checked. Root fields other than the
 * known ones are allowed here on purpose: rejecting them is a separate step with its own message.
 */
export const ENTITY_SCHEMA: JSONSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'Entity',
  type: 'object',
  required: ['apiVersion', 'kind', 'metadata'],
  additionalProperties: true,
  properties: {
    apiVersion: nonEmptyString,
    kind: nonEmptyString,
    metadata: { $ref: 'EntityMeta' },
    spec: { type: 'object' },
    relations: {
      type: 'array',
      items: { type: 'object', required: ['type', 'targetRef'], properties: { type: nonEmptyString, targetRef: nonEmptyString } },
    },
    status: { type: 'object' },
  },
};
