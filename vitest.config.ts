import { defineConfig } from 'vitest/config';

// One runner for every package. Workspace packages resolve to their sources through the
// `@atrium/source` export condition, so tests never need a build first.
export default defineConfig({
  resolve: { conditions: ['@atrium/source'] },
  ssr: { resolve: { conditions: ['@atrium/source'] } },
  test: {
    include: ['{packages,plugins,apps}/*/src/**/*.test.{ts,tsx}', 'bench/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', 'apps/portal/e2e/**'],
    pool: 'forks',
    // 2 cores: PGlite instances are ~400 MB and CPU-bound to start; two workers keep the machine usable.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    environment: 'node',
  },
});
