/** The frontend part of app-config, as the backend exposes it. */
export type FrontendConfigData = Record<string, unknown>;

/** Read access to frontend config by dotted path, e.g. `config.getString('app.title')`. */
export interface FrontendConfig {
  readonly data: FrontendConfigData;
  get<T = unknown>(path: string): T | undefined;
  getString(path: string): string | undefined;
}

export function createFrontendConfig(data: FrontendConfigData): FrontendConfig {
  const get = <T>(path: string): T | undefined => {
    let node: unknown = data;
    for (const key of path.split('.')) {
      if (!node || typeof node !== 'object') return undefined;
      node = (node as Record<string, unknown>)[key];
    }
    return node as T | undefined;
  };
  return {
    data,
    get,
    getString: path => {
      const v = get(path);
      return typeof v === 'string' ? v : undefined;
    },
  };
}

/**
 * The config the backend injected into index.html (`<script id="atrium-config" type="application/json">`),
 * read synchronously so the app's first render can use it; undefined when there is none (`vite dev`) or
 * it is not valid JSON.
 */
export function readInjectedFrontendConfig(doc: Document = document): FrontendConfig | undefined {
  const script = doc.getElementById('atrium-config');
  if (!script?.textContent?.trim()) return undefined;
  try {
    return createFrontendConfig(JSON.parse(script.textContent) as FrontendConfigData);
  } catch (error) {
    console.warn('[atrium] the injected #atrium-config is not valid JSON; asking the backend instead', error);
    return undefined;
  }
}

/**
 * Loads config from the `<script id="atrium-config" type="application/json">` the backend injects into
 * index.html; under `vite dev` there is none, so it asks `GET /api/app/config` instead.
 */
export async function loadFrontendConfig(doc: Document = document, fetchImpl: typeof fetch = (...a) => fetch(...a)): Promise<FrontendConfig> {
  const injected = readInjectedFrontendConfig(doc);
  if (injected) return injected;
  const res = await fetchImpl('/api/app/config', { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`Could not load the portal configuration (GET /api/app/config answered ${res.status})`);
  return createFrontendConfig((await res.json()) as FrontendConfigData);
}
