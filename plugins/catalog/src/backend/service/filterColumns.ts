/**
 * Filter keys with a lowercased column of their own on `entities` (set when stitched). Only keys that
 * hold one string per entity qualify. The built-in kinds' schemas make spec.type and spec.lifecycle
 * strings; a custom kind with a non-string value there has the column null and does not match a value
 * filter on it (the search rows would have matched each array item).
 */
export const FILTER_COLUMNS: Readonly<Record<string, 'kind' | 'namespace' | 'name' | 'spec_type' | 'lifecycle'>> = {
  kind: 'kind',
  'metadata.namespace': 'namespace',
  'metadata.name': 'name',
  'spec.type': 'spec_type',
  'spec.lifecycle': 'lifecycle',
};
