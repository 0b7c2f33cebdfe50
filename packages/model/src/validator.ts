/**
 * Entity validation in the order of Backstage's default policies: envelope schema → default namespace →
 * no foreign root fields → field formats (and case-only-different keys) → kind schema.
 * Ajv compiles every schema once, when the validator is created.
 */
import { Ajv } from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import * as formatsModule from 'ajv-formats';
import { DEFAULT_NAMESPACE, ENTITY_ROOT_FIELDS } from './entity.js';
import type { Entity } from './entity.js';
import type { EntityError } from './errors.js';
import { ENTITY_META_SCHEMA, ENTITY_SCHEMA } from './entitySchemas.js';
import type { JSONSchema } from './entitySchemas.js';
import { checkEntityFieldFormats, DEFAULT_FIELD_FORMAT_VALIDATORS } from './fieldFormatChecks.js';
import type { FieldFormatValidators } from './fieldFormatChecks.js';
import { findCaseConflictingKeys } from './flattenEntity.js';
import { BUILTIN_KIND_DEFINITIONS } from './kindSchemas.js';
import type { KindDefinition } from './kindSchemas.js';
import { ajvErrorsToEntityErrors } from './errors.js';

/** Result of validation: the normalised entity (namespace defaulted) only when there are no errors. */
export interface EntityValidationResult {
  entity?: Entity;
  errors: EntityError[];
}

/** Per-call options. */
export interface ValidateEntityOptions {
  /**
   * Accept `relations` and `status` at the root, for entities read back from the catalog API.
   * Descriptors must not carry them, so this is off by default.
   */
  allowOutputFields?: boolean;
}

/** Options of a validator. */
export interface EntityValidatorOptions {
  /** Extra kinds (from plugins or `catalog.rules`), validated by their schema of the whole entity if given. */
  kinds?: KindDefinition[];
  /** Replace some field-format rules (Backstage's `setFieldFormatValidators`). */
  fieldFormatValidators?: Partial<FieldFormatValidators>;
}

/** A reusable validator; create one per set of kinds, since creating one compiles the schemas. */
export interface EntityValidator {
  validateEntity(entity: unknown, options?: ValidateEntityOptions): EntityValidationResult;
  /** Kinds this validator accepts, as spelled in descriptors. */
  readonly kinds: readonly string[];
}

interface CompiledKind {
  apiVersions: readonly string[];
  validate?: ValidateFunction;
}

// ajv-formats is CommonJS with `exports.default`; Node's ESM loader and bundlers put the plugin in
// different places, so look in both. The formats (`uri`, `email`, …) let plugin kind schemas use them.
type FormatsPlugin = (ajv: Ajv) => Ajv;
const formatsExport = (formatsModule as unknown as { default?: unknown }).default ?? formatsModule;
const addFormats = (typeof formatsExport === 'function' ? formatsExport : (formatsExport as { default: unknown }).default) as FormatsPlugin;

// Several definitions may share an $id (a plugin extending a kind), and ajv refuses duplicate ids.
function withoutId(schema: JSONSchema): JSONSchema {
  const { $id: _id, ...rest } = schema;
  return rest;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Creates a validator for the built-in kinds plus `options.kinds`. A custom kind with the same name
 * as another adds apiVersions to it; the first definition listing the entity's apiVersion wins.
 * Throws if a given schema does not compile — that is a programming error, not an entity error.
 */
export function createEntityValidator(options: EntityValidatorOptions = {}): EntityValidator {
  // strict: false because plugin schemas carry annotation keywords (`ui:*`, `examples`) ajv does not know.
  const ajv = new Ajv({ allErrors: true, allowUnionTypes: true, strict: false, logger: false });
  addFormats(ajv);
  ajv.addSchema(ENTITY_META_SCHEMA);
  ajv.addSchema(ENTITY_SCHEMA);
  const validateEnvelope = ajv.getSchema('Entity') as ValidateFunction;
  const formats = { ...DEFAULT_FIELD_FORMAT_VALIDATORS, ...options.fieldFormatValidators };

  const kinds = new Map<string, CompiledKind[]>();
  for (const def of [...BUILTIN_KIND_DEFINITIONS, ...(options.kinds ?? [])]) {
    const compiled: CompiledKind = {
      apiVersions: Array.isArray(def.apiVersion) ? def.apiVersion : [def.apiVersion],
      validate: def.schema ? ajv.compile(withoutId(def.schema)) : undefined,
    };
    kinds.set(def.kind, [...(kinds.get(def.kind) ?? []), compiled]);
  }

  function validateEntity(input: unknown, callOptions: ValidateEntityOptions = {}): EntityValidationResult {
    if (!isRecord(input)) return { errors: [{ field: '', message: 'Entity must be an object', value: input }] };
    if (!validateEnvelope(input)) {
      // Later steps assume the envelope's shape, so stop here like Backstage's first policy does.
      return { errors: ajvErrorsToEntityErrors(validateEnvelope.errors as ErrorObject[], input) };
    }
    const raw = input as unknown as Entity;
    const entity: Entity = { ...raw, metadata: { ...raw.metadata, namespace: raw.metadata.namespace ?? DEFAULT_NAMESPACE } };
    const errors: EntityError[] = [];

    const allowed = callOptions.allowOutputFields ? [...ENTITY_ROOT_FIELDS, 'relations', 'status'] : ENTITY_ROOT_FIELDS;
    for (const key of Object.keys(input)) {
      if (!allowed.includes(key)) errors.push({ field: key, message: `Unknown field ${key}`, value: input[key] });
    }
    errors.push(...checkEntityFieldFormats(entity, formats));
    for (const key of findCaseConflictingKeys(raw)) {
      errors.push({ field: key, message: `Entity has duplicate keys that vary only in casing, '${key}'` });
    }

    const candidates = kinds.get(entity.kind);
    if (!candidates) {
      errors.push({ field: 'kind', message: `Unknown kind ${entity.kind}`, value: entity.kind });
    } else {
      const match = candidates.find(c => c.apiVersions.includes(entity.apiVersion));
      if (!match) {
        const expected = [...new Set(candidates.flatMap(c => c.apiVersions))].join(', ');
        errors.push({
          field: 'apiVersion',
          message: `Unsupported apiVersion ${entity.apiVersion} for kind ${entity.kind}; expected one of ${expected}`,
          value: entity.apiVersion,
        });
      } else if (match.validate && !match.validate(entity)) {
        errors.push(...ajvErrorsToEntityErrors(match.validate.errors as ErrorObject[], entity));
      }
    }
    return errors.length ? { errors } : { entity, errors };
  }

  return { validateEntity, kinds: [...kinds.keys()] };
}

let defaultValidator: EntityValidator | undefined;

/**
 * Validates an entity against the built-in kinds with a shared, lazily created validator.
 * Never throws; collects all errors. Use `createEntityValidator` to accept custom kinds.
 */
export function validateEntity(entity: unknown, options?: ValidateEntityOptions): EntityValidationResult {
  defaultValidator ??= createEntityValidator();
  return defaultValidator.validateEntity(entity, options);
}
