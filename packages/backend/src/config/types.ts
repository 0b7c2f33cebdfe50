import type { ZodType } from 'zod';
import type { JsonObject } from '../api/services.js';

/** One segment of a key path: an object key or an array index. */
export type PathSegment = string | number;

/** Where the merged config came from, kept so errors can name the file a bad value was written in. */
export interface ConfigSources {
  /** The files read, in order of increasing priority, as given (relative to `cwd` when inside it). */
  readonly files: readonly string[];
  /**
   * The file (or `env APP_CONFIG_…`) that set each key path, e.g. `backend.listen.port` or
   * `catalog.locations[0]`. Only the node a file wrote is recorded; use `originOf` for descendants.
   */
  readonly origins: ReadonlyMap<string, string>;
  /** Key paths left without a value because an environment variable was unset, with that variable. */
  readonly unsetVariables: ReadonlyMap<string, { variable: string; file: string }>;
}

export interface LoadedConfig {
  data: JsonObject;
  sources: ConfigSources;
}

/** Formats segments as `a.b[0].c`, the form every config error message uses. */
export function formatPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}

/** The file that set `segments` or its nearest ancestor (the ancestor's file wrote the whole subtree). */
export function originOf(sources: ConfigSources | undefined, segments: readonly PathSegment[]): string | undefined {
  if (!sources) return undefined;
  for (let end = segments.length; end > 0; end--) {
    const origin = sources.origins.get(formatPath(segments.slice(0, end)));
    if (origin !== undefined) return origin;
  }
  return undefined;
}

/** A hint for a missing value: which unset environment variable would have provided it. */
export function unsetVariableHint(sources: ConfigSources | undefined, segments: readonly PathSegment[]): string | undefined {
  const unset = sources?.unsetVariables.get(formatPath(segments));
  if (!unset) return undefined;
  return `set the environment variable ${unset.variable} (referenced in ${unset.file})`;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A schema over the whole app config and who contributed it (named in validation errors). */
export interface ConfigSchemaEntry {
  /** e.g. `backend` for the framework's own keys, `plugin catalog` for a plugin's. */
  owner: string;
  schema: ZodType;
}
