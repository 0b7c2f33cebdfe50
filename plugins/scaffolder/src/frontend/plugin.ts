import { defineFrontendPlugin } from '@atrium/frontend';
import { SCAFFOLDER_PLUGIN_ID } from '@atrium/plugin-scaffolder/common';
import { IconPlus } from '@tabler/icons-react';

/**
 * Software templates in the portal: the templates list, forms, task pages with live logs, the
 * installed actions and the template editor, all under `/create` as in Backstage.
 */
export const scaffolderFrontendPlugin = defineFrontendPlugin({
  id: SCAFFOLDER_PLUGIN_ID,
  pages: [{ path: '/create', title: 'Create', load: () => import('./ScaffolderPage') }],
  nav: [{ title: 'Create', icon: IconPlus, to: '/create', order: 20 }],
});
