import { defineConfig, defaultClientConditions } from 'vite';
import react from '@vitejs/plugin-react';

// Vendor libraries change less often than the app, so each gets its own long-cached chunk.
const vendorGroups: Array<{ name: string; test: RegExp }> = [
  { name: 'vendor-react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
  { name: 'vendor-router', test: /node_modules[\\/](react-router|cookie|set-cookie-parser)[\\/]/ },
  { name: 'vendor-mantine', test: /node_modules[\\/](@mantine|@floating-ui|react-remove-scroll|react-remove-scroll-bar|react-style-singleton|use-callback-ref|use-sidecar|react-number-format|react-textarea-autosize|clsx|tslib|get-nonce|detect-node-es|type-fest)[\\/]/ },
  { name: 'vendor-query', test: /node_modules[\\/]@tanstack[\\/]/ },
  { name: 'vendor-icons', test: /node_modules[\\/]@tabler[\\/]/ },
];

export default defineConfig({
  plugins: [react()],
  // Workspace packages resolve to their TypeScript sources: no build step between them and the app.
  resolve: { conditions: ['@atrium/source', ...defaultClientConditions] },
  build: {
    outDir: 'build',
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      output: {
        codeSplitting: { groups: vendorGroups },
      },
    },
  },
  server: {
    proxy: { '/api': { target: 'http://localhost:7007', changeOrigin: true } },
  },
});
