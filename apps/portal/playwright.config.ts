import { defineConfig, devices } from '@playwright/test';

// ATRIUM_E2E_PORT lets several checkouts or sessions run the browser tests side by side.
const PORT = Number(process.env.ATRIUM_E2E_PORT ?? 7107);
// Set to test a portal that is already running (e.g. `npm start`) instead of starting one.
const externalUrl = process.env.ATRIUM_E2E_URL;

// Debian's Chromium, never a downloaded one (see stack.md gotcha 26).
export default defineConfig({
  testDir: './e2e',
  globalSetup: './e2e/globalSetup.ts',
  outputDir: './test-results/artifacts',
  workers: 1,
  fullyParallel: false,
  reporter: 'list',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  retries: 0,
  use: {
    ...devices['Desktop Chrome'],
    baseURL: externalUrl ?? `http://127.0.0.1:${PORT}`,
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  webServer: externalUrl ? undefined : {
    cwd: '.',
    command: `node ../../packages/cli/bin/atrium.mjs start --config app-config.yaml --config e2e/app-config.e2e.yaml --port ${PORT}`,
    url: `http://127.0.0.1:${PORT}/readyz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
