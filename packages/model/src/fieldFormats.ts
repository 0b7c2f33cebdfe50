/**
 * The exact format rules Backstage applies to entity fields (`makeValidator()` defaults). Kept as pure
 * predicates so the frontend can validate form input with the same rules the catalog enforces.
 */

const OBJECT_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_LABEL = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const KIND = /^[a-zA-Z][a-z0-9A-Z]*$/;
const API_VERSION_SUFFIX = /^[a-z0-9A-Z]+$/;
const TAG = /^[a-z0-9:+#]+(-[a-z0-9:+#]+)*$/;

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

/** Kubernetes object name: 1–63 chars of `[A-Za-z0-9]` runs joined by `-`, `_` or `.`. */
export function isValidObjectName(value: unknown): boolean {
  return isString(value) && value.length >= 1 && value.length <= 63 && OBJECT_NAME.test(value);
}

/** DNS label (RFC 1123): 1–63 lowercase alphanumerics, inner dashes. */
export function isValidDnsLabel(value: unknown): boolean {
  return isString(value) && value.length >= 1 && value.length <= 63 && DNS_LABEL.test(value);
}

/** DNS subdomain: 1–253 chars of dot-separated DNS labels. */
export function isValidDnsSubdomain(value: unknown): boolean {
  return isString(value) && value.length >= 1 && value.length <= 253 && value.split('.').every(isValidDnsLabel);
}

/** `[prefix/]version`: prefix a DNS subdomain, version 1–63 alphanumerics. */
export function isValidApiVersion(value: unknown): boolean {
  if (!isString(value)) return false;
  const parts = value.split('/');
  if (parts.length > 2) return false;
  const suffix = parts[parts.length - 1] ?? '';
  const prefixOk = parts.length === 1 || isValidDnsSubdomain(parts[0]);
  return prefixOk && suffix.length >= 1 && suffix.length <= 63 && API_VERSION_SUFFIX.test(suffix);
}

/** Kind: 1–63 alphanumerics starting with a letter. */
export function isValidKind(value: unknown): boolean {
  return isString(value) && value.length >= 1 && value.length <= 63 && KIND.test(value);
}

/** `metadata.name`: the object-name rule. */
export function isValidEntityName(value: unknown): boolean {
  return isValidObjectName(value);
}

/** `metadata.namespace`: a DNS label, so lowercase only. */
export function isValidNamespace(value: unknown): boolean {
  return isValidDnsLabel(value);
}

/** Label and annotation keys: `[prefix/]name`, at most one slash, prefix a DNS subdomain, name an object name. */
export function isValidLabelKey(value: unknown): boolean {
  if (!isString(value)) return false;
  const parts = value.split('/');
  if (parts.length === 1) return isValidObjectName(parts[0]);
  return parts.length === 2 && isValidDnsSubdomain(parts[0]) && isValidObjectName(parts[1]);
}

/** Label values: empty, or an object name. */
export function isValidLabelValue(value: unknown): boolean {
  return value === '' || isValidObjectName(value);
}

/** Annotation keys follow the label-key rule. */
export function isValidAnnotationKey(value: unknown): boolean {
  return isValidLabelKey(value);
}

/** Annotation values may be any string, of any length. */
export function isValidAnnotationValue(value: unknown): boolean {
  return isString(value);
}

/** Tags (current Backstage rule): 1–63 chars of `[a-z0-9:+#]` runs joined by single dashes. */
export function isValidTag(value: unknown): boolean {
  return isString(value) && value.length >= 1 && value.length <= 63 && TAG.test(value);
}

// Both browsers and Node have a WHATWG URL global, but lib ES2023 does not type it and this
// package may not pull in DOM or Node types; declare just what is used.
declare const URL: new (input: string) => unknown;

/** A link URL must parse as an absolute URL (`new URL(url)` without a base). */
export function isValidUrl(value: unknown): boolean {
  if (!isString(value)) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

/** What each rule expects, in the wording of the error messages. */
export const FIELD_FORMAT_DESCRIPTIONS = {
  apiVersion: 'a string that is a valid apiVersion of the form [<DNS subdomain>/]<version>, with a version of at most 63 characters of [a-zA-Z0-9]',
  kind: 'a string that is a sequence of [a-zA-Z][a-z0-9A-Z], at most 63 characters in total',
  name: 'a string that is sequences of [a-zA-Z0-9] separated by any of [-_.], at most 63 characters in total',
  namespace: 'a string that is sequences of [a-z0-9] separated by [-], at most 63 characters in total',
  labelKey: 'a string that is an optional DNS subdomain prefix and a slash, followed by sequences of [a-zA-Z0-9] separated by any of [-_.], at most 63 characters',
  labelValue: 'an empty string or a string that is sequences of [a-zA-Z0-9] separated by any of [-_.], at most 63 characters in total',
  annotationKey: 'a string that is an optional DNS subdomain prefix and a slash, followed by sequences of [a-zA-Z0-9] separated by any of [-_.], at most 63 characters',
  annotationValue: 'a string',
  tag: 'a string that is sequences of [a-z0-9:+#] separated by [-], at most 63 characters in total',
  linkUrl: 'a string that is a valid absolute URL',
  linkTitle: 'a non-empty string',
  linkIcon: 'a string that is sequences of [a-zA-Z0-9] separated by any of [-_.], at most 63 characters in total',
} as const;
