import type { FullConfig } from '@playwright/test';

/**
 * The portal answers /readyz before the catalog has read the example organisation (ingestion runs in
 * the background); wait until an example entity is served so entity-page tests see real data.
 */
export default async function globalSetup(config: FullConfig): Promise<void> {
  const base = config.projects[0]?.use.baseURL ?? 'http://127.0.0.1:7107';
  const deadline = Date.now() + 60_000;
  const { token } = (await (await fetch(`${base}/api/auth/guest/token`, { method: 'POST' })).json()) as { token: string };
  for (;;) {
    const r = await fetch(`${base}/api/catalog/entities/by-name/component/default/playback-service`, { headers: { authorization: `Bearer ${token}` } });
    if (r.ok) return;
    if (Date.now() > deadline) throw new Error(`The example catalog was not ingested within 60 s (last status ${r.status})`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
