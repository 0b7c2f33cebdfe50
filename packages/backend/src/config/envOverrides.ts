import { ConfigError } from '../api/errors.js';
import type { JsonObject, JsonValue } from '../api/services.js';
import { isJsonObject } from './types.js';

const PREFIX = 'APP_CONFIG_';

export interface EnvOverride {
  /** e.g. `APP_CONFIG_backend_listen_port`, used as the origin in error messages. */
  variable: string;
  layer: JsonObject;
}

/**
 * Reads `APP_CONFIG_<path with _ for .>` variables, the top-priority layer (deployments set these
 * without touching files). Values are JSON when they parse as JSON (`7010`, `true`, `["a"]`),
 * otherwise strings. Keys containing `_` cannot be addressed this way, as in Backstage.
 */
export function readEnvOverrides(env: NodeJS.ProcessEnv): EnvOverride[] {
  const overrides: EnvOverride[] = [];
  for (const variable of Object.keys(env).filter((name) => name.startsWith(PREFIX)).sort()) {
    const raw = env[variable];
    if (raw === undefined) continue;
    const keys = variable.slice(PREFIX.length).split('_');
    if (keys.some((key) => key === '')) {
      throw new ConfigError(`Invalid environment variable ${variable}: the key path has an empty segment`);
    }
    overrides.push({ variable, layer: nest(keys, parseValue(raw)) });
  }
  assertNoConflicts(overrides);
  return overrides;
}

function parseValue(raw: string): JsonValue {
  try {
    return JSON.parse(raw) as JsonValue;
  } catch {
    return raw;
  }
}

function nest(keys: string[], value: JsonValue): JsonObject {
  let out: JsonValue = value;
  for (const key of [...keys].reverse()) out = { [key]: out };
  return out as JsonObject;
}

/** `APP_CONFIG_a=1` and `APP_CONFIG_a_b=2` cannot both apply; say so rather than pick one silently. */
function assertNoConflicts(overrides: EnvOverride[]): void {
  const paths = overrides.map((o) => ({ variable: o.variable, path: o.variable.slice(PREFIX.length) }));
  for (const a of paths) {
    const clash = paths.find((b) => b !== a && b.path.startsWith(`${a.path}_`) && !isObjectOverride(overrides, a.variable));
    if (clash) {
      throw new ConfigError(`Environment variables ${a.variable} and ${clash.variable} both set config ${a.path.replaceAll('_', '.')}`);
    }
  }
}

function isObjectOverride(overrides: EnvOverride[], variable: string): boolean {
  let value: JsonValue | undefined = overrides.find((o) => o.variable === variable)?.layer;
  for (const key of variable.slice(PREFIX.length).split('_')) value = isJsonObject(value) ? value[key] : undefined;
  return isJsonObject(value);
}
