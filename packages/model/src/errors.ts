/**
 * The error shape every check in this package reports. Collecting these instead of throwing lets the
 * catalog show all problems of a descriptor at once.
 */
import type { ErrorObject } from 'ajv';

/** One problem with an entity. `field` is a dot path (`metadata.name`, `spec.owner`, `metadata.tags[1]`), `''` for the root. */
export interface EntityError {
  field: string;
  message: string;
  value?: unknown;
}

/**
 * Joins path segments into a field path: dots between keys, `[i]` for array indices.
 * Keys are kept verbatim, so `metadata.annotations.backstage.io/orphan` reads as written.
 */
export function fieldPath(...segments: Array<string | number>): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else out += out ? `.${s}` : s;
  }
  return out;
}

/** Error message in Backstage's field-format form. */
export function invalidFieldMessage(field: string, expected: string, value: unknown): string {
  return `"${field}" is not valid; expected ${expected} but found "${String(value)}"`;
}

// ajv reports JSON pointers; the rest of the package reports dot paths, so schema and format errors read alike.

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Walks the data along a JSON pointer so array indices render as `[i]` and keys stay verbatim. */
function pointerToField(pointer: string, data: unknown): { field: string; value: unknown } {
  const segments: Array<string | number> = [];
  let current: unknown = data;
  for (const raw of pointer.split('/').slice(1)) {
    const key = unescapePointer(raw);
    if (Array.isArray(current)) {
      const index = Number(key);
      segments.push(index);
      current = current[index];
    } else {
      segments.push(key);
      current = typeof current === 'object' && current !== null ? (current as Record<string, unknown>)[key] : undefined;
    }
  }
  return { field: fieldPath(...segments), value: current };
}

/** Converts ajv errors on `data`; a missing required property is reported on the property itself. */
export function ajvErrorsToEntityErrors(errors: readonly ErrorObject[] | null | undefined, data: unknown): EntityError[] {
  const out: EntityError[] = [];
  const seen = new Set<string>();
  for (const e of errors ?? []) {
    let error: EntityError;
    const at = pointerToField(e.instancePath, data);
    if (e.keyword === 'required') {
      const missing = String((e.params as { missingProperty: string }).missingProperty);
      const field = at.field ? `${at.field}.${missing}` : missing;
      error = { field, message: `"${field}" is required` };
    } else if (e.keyword === 'enum') {
      const allowed = ((e.params as { allowedValues: unknown[] }).allowedValues ?? []).map(v => String(v)).join(', ');
      error = { field: at.field, message: `"${at.field}" must be one of ${allowed}`, value: at.value };
    } else {
      const message = at.field ? `"${at.field}" ${e.message ?? 'is invalid'}` : `Entity ${e.message ?? 'is invalid'}`;
      error = { field: at.field, message, value: at.value };
    }
    const key = `${error.field}\n${error.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(error);
    }
  }
  return out;
}
