/**
 * The entity model shared by backend and frontend: types of the envelope and the built-in kinds,
 * references, validation, relations derived from specs, search rows and the filter language.
 * No DOM and no Node APIs, so both sides can import it.
 */
export type { CompoundEntityRef, Entity, EntityLink, EntityMeta, EntityRelation, EntityStatusItem, EntityStatusLevel } from './entity.js';
export { DEFAULT_NAMESPACE, ENTITY_ROOT_FIELDS } from './entity.js';
export type { EntityRefInput, RefFieldContext } from './ref.js';
export { parseEntityRef, parseRefField, stringifyEntityRef } from './ref.js';
export type {
  ApiEntity, ApiSpec, BuiltinEntityByKind, BuiltinKind, ComponentEntity, ComponentSpec, DomainEntity, DomainSpec,
  EntityProfile, GroupEntity, GroupSpec, LocationEntity, LocationSpec, ResourceEntity, ResourceSpec, SystemEntity,
  SystemSpec, TemplateEntity, TemplateSpec, TemplateStep, UserEntity, UserSpec,
} from './kinds.js';
export { BUILTIN_KINDS, CATALOG_API_VERSION, TEMPLATE_API_VERSION, isEntityOfKind } from './kinds.js';
export * from './annotations.js';
export * from './relations.js';
export type { RelationRow, SpecRelation } from './relationsFromSpec.js';
export { relationsFromSpec, withInverseRelations } from './relationsFromSpec.js';
export type { EntityError } from './errors.js';
export {
  FIELD_FORMAT_DESCRIPTIONS, isValidAnnotationKey, isValidAnnotationValue, isValidApiVersion, isValidDnsLabel,
  isValidDnsSubdomain, isValidEntityName, isValidKind, isValidLabelKey, isValidLabelValue, isValidNamespace,
  isValidObjectName, isValidTag, isValidUrl,
} from './fieldFormats.js';
export type { FieldFormatValidators } from './fieldFormatChecks.js';
export { checkEntityFieldFormats, DEFAULT_FIELD_FORMAT_VALIDATORS } from './fieldFormatChecks.js';
export type { JSONSchema } from './entitySchemas.js';
export { ENTITY_META_SCHEMA, ENTITY_SCHEMA } from './entitySchemas.js';
export type { KindDefinition } from './kindSchemas.js';
export { BUILTIN_KIND_DEFINITIONS } from './kindSchemas.js';
export type { EntityValidationResult, EntityValidator, EntityValidatorOptions, ValidateEntityOptions } from './validator.js';
export { createEntityValidator, validateEntity } from './validator.js';
export type { EntitySearchEntry } from './flattenEntity.js';
export { findCaseConflictingKeys, flattenEntity, SEARCH_MAX_KEY_LENGTH, SEARCH_MAX_VALUE_LENGTH } from './flattenEntity.js';
export type { EntityFilter, EntityFilterQuery } from './entityFilter.js';
export {
  allOfFilter, anyOfFilter, entityFilterFromQuery, keyFilter, notFilter, parseEntityFilterParams, parseEntityFilterString,
  prefixFilter, stringifyEntityFilterParams,
} from './entityFilter.js';
export { EntityPredicateError, parseEntityPredicate, type EntityPredicate } from './entityPredicate.js';
export { entityMatcher, matchEntity, matchFilterIndex } from './matchEntity.js';
