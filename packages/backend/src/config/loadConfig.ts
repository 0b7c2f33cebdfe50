import path from 'node:path';
import { ConfigError } from '../api/errors.js';
import type { JsonObject, JsonValue } from '../api/services.js';
import { readEnvOverrides } from './envOverrides.js';
import { mergeLayer, stripNulls } from './mergeConfig.js';
import { parseConfigText, readConfigText } from './parseConfigFile.js';
import { resolveIncludes } from './resolveIncludes.js';
import { formatPath, isJsonObject, type LoadedConfig, type PathSegment } from './types.js';

export interface LoadConfigOptions {
  /** Files in increasing priority, e.g. `app-config.yaml` then each `--config FILE`. Relative to `cwd`. */
  files: string[];
  /** Environment for `${VAR}`, `$env` and `APP_CONFIG_*`; defaults to `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Defaults to `process.cwd()`. */
  cwd?: string;
  /**
   * Config given in code (tests, embedding), merged after the files and before `APP_CONFIG_*`.
   * `origin` names it in error messages, e.g. `test config`.
   */
  layers?: Array<{ origin: string; data: JsonObject }>;
}

/**
 * Reads and merges the config files, resolving includes and substitutions per file, then applies
 * `APP_CONFIG_*` overrides on top. Records which file set each key so that validation can point at it.
 */
export async function loadConfig(options: LoadConfigOptions): Promise<LoadedConfig> {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const display = (absolute: string): string => {
    const relative = path.relative(cwd, absolute);
    return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : absolute;
  };

  const merged: JsonObject = {};
  const origins = new Map<string, string>();
  const unset = new Map<string, { variable: string; file: string; segments: PathSegment[] }>();
  const files: string[] = [];

  for (const file of options.files) {
    const absolute = path.resolve(cwd, file);
    const shown = display(absolute);
    files.push(shown);
    const parsed = parseConfigText(await readConfigText(absolute, shown), shown);
    if (parsed === undefined) continue; // an empty file is allowed, e.g. a placeholder app-config.local.yaml
    if (!isJsonObject(parsed)) {
      throw new ConfigError(`Config file ${shown} must contain a mapping of keys at the top level`);
    }
    const resolved = await resolveIncludes(parsed, {
      env,
      dir: path.dirname(absolute),
      file: shown,
      display,
      onUnset: (segments, variable) => unset.set(formatPath(segments), { variable, file: shown, segments }),
    });
    if (isJsonObject(resolved)) mergeLayer(merged, resolved, shown, origins);
  }

  for (const layer of options.layers ?? []) {
    mergeLayer(merged, layer.data, layer.origin, origins);
  }
  for (const override of readEnvOverrides(env)) {
    mergeLayer(merged, override.layer, `env ${override.variable}`, origins);
  }

  const data = stripNulls(merged);
  // A variable only matters for keys that ended up without a value (another file may have set one).
  const unsetVariables = new Map<string, { variable: string; file: string }>();
  for (const [key, { variable, file, segments }] of unset) {
    if (!hasValueAt(data, segments)) unsetVariables.set(key, { variable, file });
  }
  return { data, sources: { files, origins, unsetVariables } };
}

function hasValueAt(data: JsonValue, segments: PathSegment[]): boolean {
  let value: JsonValue | undefined = data;
  for (const segment of segments) {
    if (typeof segment === 'number') value = Array.isArray(value) ? value[segment] : undefined;
    else value = isJsonObject(value) ? value[segment] : undefined;
    if (value === undefined) return false;
  }
  return true;
}
