import type { FrontendPlugin, FrontendPluginOptions } from './types';

/**
 * Declares a frontend plugin. Contributions are data: the shell draws routes, the sidebar, entity tabs
 * and cards from them without loading the plugin's code, which is fetched through `load` on first use.
 *
 * @example
 * export const docsPlugin = defineFrontendPlugin({
 *   id: 'techdocs',
 *   pages: [{ path: '/docs', title: 'Docs', load: () => import('./DocsPage') }],
 *   nav: [{ title: 'Docs', icon: 'book', to: '/docs' }],
 * });
 */
export function defineFrontendPlugin(options: FrontendPluginOptions): FrontendPlugin {
  return Object.freeze({ ...options, $$type: '@atrium/FrontendPlugin' as const });
}
