import { catalogPlugin, discoveryModule } from '@atrium/plugin-catalog/backend';
import { examplePlugin } from '@atrium/plugin-example/backend';

/** The portal's backend features, in no particular order: the kernel orders them by their dependencies. */
export const features = [
  catalogPlugin,
  // Finds descriptors by glob in git repositories or folders listed in catalog.providers.discovery.
  discoveryModule,
  examplePlugin,
];
