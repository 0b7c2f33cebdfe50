export { parseDescriptor, positionOf, type ParsedDocument, type ParseDescriptorOptions, type ParseDescriptorResult } from './parseDescriptor.js';
export {
  resolvePlaceholders,
  type PlaceholderReadCache,
  type ResolvePlaceholdersOptions,
  type ResolvePlaceholdersResult,
} from './resolvePlaceholders.js';
export { readLocation, type ReadLocationOptions, type ReadLocationResult } from './readLocation.js';
export { entitiesFromDescriptor, type EntitiesFromDescriptorOptions, type IngestedEntity } from './entitiesFromDescriptor.js';
export { locationTargetsOf } from './locationTargets.js';
export { createDescriptorParser, type DescriptorParser, type DescriptorParserOptions } from './parseThread.js';
export {
  isAbsoluteUrl,
  locationFromUrl,
  locationUrl,
  parseLocationRef,
  resolveLocationTarget,
  stringifyLocationRef,
} from './locationRefs.js';
export { defaultEditUrl, scmAnnotationsFor, splitGitUrl, type GitUrlSplit, type ScmAnnotationOptions } from './scmUrls.js';
export {
  ANNOTATION_EDIT_URL,
  ANNOTATION_MANAGED_BY_LOCATION,
  ANNOTATION_MANAGED_BY_ORIGIN_LOCATION,
  ANNOTATION_SOURCE_LOCATION,
  ANNOTATION_VIEW_URL,
  DEFAULT_MAX_DESCRIPTOR_BYTES,
  formatFieldPath,
  type DescriptorError,
  type FieldPath,
  type LocateField,
  type LocationSpec,
  type LocationType,
  type SourcePosition,
} from './types.js';
export { FIELD_LINE_DEPTH } from './fastYaml.js';
