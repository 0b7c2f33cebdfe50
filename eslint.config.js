import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/build/**', '**/node_modules/**', '**/.atrium/**', '**/test-results/**', '**/playwright-report/**',
      // Template skeletons are templates (`${{ values.name }}`), JavaScript only once rendered.
      'apps/portal/examples/templates/*/skeleton/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-empty-object-type': 'off',
      'no-console': 'off',
    },
  },
  {
    // Browser benchmarks and tests hand functions to the page (page.evaluate), which run there.
    files: ['bench/**/*.mjs', 'apps/portal/e2e/**/*.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: ['packages/frontend/**/*.{ts,tsx}', 'plugins/*/src/frontend/**/*.{ts,tsx}', 'apps/portal/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    // The layering rule of CONVENTIONS.md: common code sees neither Node nor the DOM; frontend never imports backend.
    files: ['plugins/*/src/frontend/**/*.{ts,tsx}', 'packages/frontend/**/*.{ts,tsx}'],
    // Tests may boot a real backend for the UI to talk to.
    ignores: ['**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['@atrium/backend', '@atrium/backend/*', '*/backend', '*/backend/*', 'node:*'], message: 'Frontend code must not import backend or Node modules.' },
      ] }],
    },
  },
  {
    files: ['plugins/*/src/common/**/*.ts', 'packages/model/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['@atrium/backend', '@atrium/frontend', '*/backend', '*/frontend', 'node:*', 'react', 'react-dom'], message: 'Common code must not depend on a runtime.' },
      ] }],
    },
  },
);
