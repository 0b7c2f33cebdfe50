/**
 * Applies the field-format rules to an entity whose envelope already passed the schema, the way
 * Backstage's `FieldFormatEntityPolicy` does, but collecting every violation instead of the first.
 */
import type { Entity } from './entity.js';
import type { EntityError } from './errors.js';
import { fieldPath, invalidFieldMessage } from './errors.js';
import {
  FIELD_FORMAT_DESCRIPTIONS as D, isValidAnnotationKey, isValidAnnotationValue, isValidApiVersion, isValidEntityName,
  isValidKind, isValidLabelKey, isValidLabelValue, isValidNamespace, isValidTag, isValidUrl,
} from './fieldFormats.js';

/** Overridable per-field predicates, mirroring Backstage's `setFieldFormatValidators`. */
export interface FieldFormatValidators {
  isValidApiVersion: (value: unknown) => boolean;
  isValidKind: (value: unknown) => boolean;
  isValidEntityName: (value: unknown) => boolean;
  isValidNamespace: (value: unknown) => boolean;
  isValidLabelKey: (value: unknown) => boolean;
  isValidLabelValue: (value: unknown) => boolean;
  isValidAnnotationKey: (value: unknown) => boolean;
  isValidAnnotationValue: (value: unknown) => boolean;
  isValidTag: (value: unknown) => boolean;
}

/** The default rules. */
export const DEFAULT_FIELD_FORMAT_VALIDATORS: Readonly<FieldFormatValidators> = Object.freeze({
  isValidApiVersion, isValidKind, isValidEntityName, isValidNamespace, isValidLabelKey, isValidLabelValue,
  isValidAnnotationKey, isValidAnnotationValue, isValidTag,
});

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Every field-format violation of the entity, as `"<field>" is not valid; expected … but found "<value>"`.
 * Label and annotation KEY errors name the map (`metadata.labels`) since the key itself is the bad value;
 * value errors name the entry (`metadata.labels.<key>`).
 */
export function checkEntityFieldFormats(entity: Entity, validators: FieldFormatValidators = DEFAULT_FIELD_FORMAT_VALIDATORS): EntityError[] {
  const errors: EntityError[] = [];
  const check = (ok: boolean, field: string, expected: string, value: unknown) => {
    if (!ok) errors.push({ field, message: invalidFieldMessage(field, expected, value), value });
  };
  const meta = entity.metadata;

  check(validators.isValidApiVersion(entity.apiVersion), 'apiVersion', D.apiVersion, entity.apiVersion);
  check(validators.isValidKind(entity.kind), 'kind', D.kind, entity.kind);
  check(validators.isValidEntityName(meta.name), 'metadata.name', D.name, meta.name);
  if (meta.namespace !== undefined) {
    check(validators.isValidNamespace(meta.namespace), 'metadata.namespace', D.namespace, meta.namespace);
  }
  if (isRecord(meta.labels)) {
    for (const [key, value] of Object.entries(meta.labels)) {
      check(validators.isValidLabelKey(key), 'metadata.labels', D.labelKey, key);
      check(validators.isValidLabelValue(value), fieldPath('metadata', 'labels', key), D.labelValue, value);
    }
  }
  if (isRecord(meta.annotations)) {
    for (const [key, value] of Object.entries(meta.annotations)) {
      check(validators.isValidAnnotationKey(key), 'metadata.annotations', D.annotationKey, key);
      check(validators.isValidAnnotationValue(value), fieldPath('metadata', 'annotations', key), D.annotationValue, value);
    }
  }
  if (Array.isArray(meta.tags)) {
    meta.tags.forEach((tag, i) => check(validators.isValidTag(tag), fieldPath('metadata', 'tags', i), D.tag, tag));
  }
  if (Array.isArray(meta.links)) {
    meta.links.forEach((link: unknown, i) => {
      if (!isRecord(link)) return; // the envelope schema reports non-object links
      check(isValidUrl(link.url), fieldPath('metadata', 'links', i, 'url'), D.linkUrl, link.url);
      if (link.title !== undefined) {
        check(typeof link.title === 'string' && link.title.length > 0, fieldPath('metadata', 'links', i, 'title'), D.linkTitle, link.title);
      }
      if (link.icon !== undefined) {
        check(validators.isValidEntityName(link.icon), fieldPath('metadata', 'links', i, 'icon'), D.linkIcon, link.icon);
      }
    });
  }
  return errors;
}
