/**
 * Draft-07 JSON Schemas of the built-in kinds. Each checks apiVersion, kind and spec only; the
 * envelope and metadata are checked before, so errors are not reported twice.
 */
import type { JSONSchema } from './entitySchemas.js';
import { CATALOG_API_VERSION, TEMPLATE_API_VERSION } from './kinds.js';

const str = { type: 'string', minLength: 1 } as const;
const strArray = { type: 'array', items: str } as const;
const profile = {
  type: 'object',
  properties: { displayName: str, email: str, picture: str },
} as const;

/** A built-in or custom kind: the apiVersions it accepts and, optionally, the schema of the whole entity. */
export interface KindDefinition {
  apiVersion: string | string[];
  kind: string;
  schema?: JSONSchema;
}

function kindSchema(kind: string, apiVersions: string[], required: string[], properties: Record<string, unknown>): KindDefinition {
  return {
    kind,
    apiVersion: apiVersions,
    schema: {
      $schema: 'http://json-schema.org/draft-07/schema#',
      $id: `${kind}Kind`,
      type: 'object',
      required: ['spec'],
      properties: {
        apiVersion: { enum: apiVersions },
        kind: { enum: [kind] },
        spec: { type: 'object', required, properties },
      },
    },
  };
}

const V1 = [CATALOG_API_VERSION];
// Backstage's Component and Location schemas also accept the never-released v1beta1.
const V1_OR_BETA = [CATALOG_API_VERSION, 'backstage.io/v1beta1'];

const templateStep = {
  type: 'object',
  required: ['action'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    action: { type: 'string' },
    input: { type: 'object' },
    if: { type: ['string', 'boolean'] },
  },
} as const;

const templateOutputItem = (props: Record<string, unknown>) => ({
  type: 'object',
  properties: { if: { type: ['string', 'boolean'] }, title: str, icon: str, ...props },
});

/** The nine built-in kinds with their schemas. */
export const BUILTIN_KIND_DEFINITIONS: readonly KindDefinition[] = [
  kindSchema('Component', V1_OR_BETA, ['type', 'lifecycle', 'owner'], {
    type: str, lifecycle: str, owner: str, system: str, subcomponentOf: str,
    providesApis: strArray, consumesApis: strArray, dependsOn: strArray, dependencyOf: strArray,
  }),
  kindSchema('API', V1, ['type', 'lifecycle', 'owner', 'definition'], {
    type: str, lifecycle: str, owner: str, system: str, definition: str,
  }),
  kindSchema('Resource', V1, ['type', 'owner'], {
    type: str, owner: str, system: str, dependsOn: strArray, dependencyOf: strArray,
  }),
  kindSchema('System', V1, ['owner'], { owner: str, domain: str, type: str }),
  kindSchema('Domain', V1, ['owner'], { owner: str, subdomainOf: str, type: str }),
  kindSchema('Group', V1, ['type', 'children'], {
    type: str, profile, parent: str, children: strArray, members: strArray,
  }),
  kindSchema('User', V1, ['memberOf'], { profile, memberOf: strArray }),
  kindSchema('Location', V1_OR_BETA, [], {
    type: str, target: str, targets: strArray, presence: { enum: ['required', 'optional'] },
  }),
  kindSchema('Template', [TEMPLATE_API_VERSION], ['type', 'steps'], {
    type: str,
    owner: str,
    lifecycle: str,
    parameters: { oneOf: [{ type: 'object' }, { type: 'array', items: { type: 'object' } }] },
    steps: { type: 'array', items: templateStep },
    output: {
      type: 'object',
      properties: {
        links: { type: 'array', items: templateOutputItem({ url: str, entityRef: str }) },
        text: { type: 'array', items: templateOutputItem({ content: { type: 'string' } }) },
      },
    },
  }),
];
