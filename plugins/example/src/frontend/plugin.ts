import { defineFrontendPlugin, isKind } from '@atrium/frontend';
import { EXAMPLE_PLUGIN_ID } from '@atrium/plugin-example/common';

/** The example plugin's UI: a page, a nav item, a Greetings tab on components and a home widget. */
export const exampleFrontendPlugin = defineFrontendPlugin({
  id: EXAMPLE_PLUGIN_ID,
  pages: [{ path: '/example', title: 'Example', load: () => import('./ExamplePage') }],
  nav: [{ title: 'Example', icon: 'flask', to: '/example', order: 50 }],
  entityTabs: [{
    id: 'greetings', title: 'Greetings', path: 'greetings', if: isKind('component'),
    load: () => import('./GreetingsTab'),
  }],
  homeWidgets: [{ id: 'latest-greetings', title: 'Latest greetings', load: () => import('./LatestGreetingsWidget') }],
});
