import { defineFrontendPlugin } from '@atrium/frontend';

/** The portal's own pages, contributed like any plugin's. */
export const homePlugin = defineFrontendPlugin({
  id: 'home',
  pages: [{ path: '/', title: 'Home', load: () => import('./HomePage') }],
  nav: [{ title: 'Home', icon: 'home', to: '/', order: 0 }],
});
