import { ConfigError } from '../api/errors.js';
import type { Config, JsonObject, JsonValue } from '../api/services.js';
import { formatPath, isJsonObject, originOf, unsetVariableHint, type ConfigSources, type PathSegment } from './types.js';

/**
 * `Config` over a merged JSON object. Readers made by `getConfig` keep their prefix and the sources,
 * so an error deep inside a plugin still names the full key path and the file the value came from.
 * Numbers and booleans may be written as strings (`port: ${PORT}` yields "7010"), as in Backstage.
 */
export class ConfigReader implements Config {
  readonly #data: JsonObject;
  readonly #prefix: PathSegment[];
  readonly #sources: ConfigSources | undefined;

  constructor(data: JsonObject | undefined, options: { prefix?: PathSegment[]; sources?: ConfigSources } = {}) {
    this.#data = data ?? {};
    this.#prefix = options.prefix ?? [];
    this.#sources = options.sources;
  }

  has(path: string): boolean {
    return this.getOptional(path) !== undefined;
  }

  keys(): string[] {
    return Object.keys(this.#data).filter((key) => this.#data[key] !== null);
  }

  get(path?: string): JsonValue {
    if (path === undefined) return this.#data;
    return this.#required(path, this.getOptional(path));
  }

  getOptional(path: string): JsonValue | undefined {
    let value: JsonValue | undefined = this.#data;
    const segments = splitPath(path);
    for (const [index, key] of segments.entries()) {
      if (!isJsonObject(value)) {
        this.#typeError(segments.slice(0, index), value, 'an object');
      }
      value = value[key];
      if (value === undefined || value === null) return undefined;
    }
    return value;
  }

  getConfig(path: string): Config {
    return this.#required(path, this.getOptionalConfig(path));
  }

  getOptionalConfig(path: string): Config | undefined {
    const value = this.getOptional(path);
    if (value === undefined) return undefined;
    if (!isJsonObject(value)) this.#typeError(splitPath(path), value, 'an object');
    return new ConfigReader(value, { prefix: this.#full(splitPath(path)), sources: this.#sources });
  }

  getConfigArray(path: string): Config[] {
    return this.#required(path, this.getOptionalConfigArray(path));
  }

  getOptionalConfigArray(path: string): Config[] | undefined {
    const value = this.getOptional(path);
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) this.#typeError(splitPath(path), value, 'an array of objects');
    return value.map((item, index) => {
      const segments = [...splitPath(path), index];
      if (!isJsonObject(item)) this.#typeError(segments, item, 'an object');
      return new ConfigReader(item, { prefix: this.#full(segments), sources: this.#sources });
    });
  }

  getString(path: string): string {
    return this.#required(path, this.getOptionalString(path));
  }

  getOptionalString(path: string): string | undefined {
    const value = this.getOptional(path);
    if (value === undefined || typeof value === 'string') return value;
    return this.#typeError(splitPath(path), value, 'a string');
  }

  getNumber(path: string): number {
    return this.#required(path, this.getOptionalNumber(path));
  }

  getOptionalNumber(path: string): number | undefined {
    const value = this.getOptional(path);
    if (value === undefined || typeof value === 'number') return value;
    if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
    return this.#typeError(splitPath(path), value, 'a number');
  }

  getBoolean(path: string): boolean {
    return this.#required(path, this.getOptionalBoolean(path));
  }

  getOptionalBoolean(path: string): boolean | undefined {
    const value = this.getOptional(path);
    if (value === undefined || typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') return value === 'true';
    return this.#typeError(splitPath(path), value, 'a boolean');
  }

  getStringArray(path: string): string[] {
    return this.#required(path, this.getOptionalStringArray(path));
  }

  getOptionalStringArray(path: string): string[] | undefined {
    const value = this.getOptional(path);
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) return this.#typeError(splitPath(path), value, 'an array of strings');
    return value.map((item, index) => (typeof item === 'string' ? item : this.#typeError([...splitPath(path), index], item, 'a string')));
  }

  #full(segments: PathSegment[]): PathSegment[] {
    return [...this.#prefix, ...segments];
  }

  #required<T>(path: string, value: T | undefined): T {
    if (value !== undefined) return value;
    const segments = this.#full(splitPath(path));
    const hint = unsetVariableHint(this.#sources, segments);
    throw new ConfigError(`Missing required config value at ${formatPath(segments)}${hint ? `: ${hint}` : ''}`);
  }

  #typeError(segments: PathSegment[], value: JsonValue | undefined, expected: string): never {
    const full = this.#full(segments);
    const origin = originOf(this.#sources, full);
    const where = origin ? ` in ${origin}` : '';
    throw new ConfigError(`Invalid config value at ${formatPath(full)}${where}: expected ${expected}, got ${JSON.stringify(value)}`);
  }
}

function splitPath(path: string): string[] {
  const segments = path.split('.');
  if (segments.some((segment) => segment === '')) {
    throw new ConfigError(`Invalid config key path "${path}"`);
  }
  return segments;
}
