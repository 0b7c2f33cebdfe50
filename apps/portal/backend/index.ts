import { catalogPlugin, discoveryModule, githubOrgModule } from '@atrium/plugin-catalog/backend';
import { examplePlugin } from '@atrium/plugin-example/backend';
import { techdocsPlugin } from '@atrium/plugin-techdocs/backend';
import { scaffolderPlugin } from '@atrium/plugin-scaffolder/backend';
import { catalogCollatorModule, searchPlugin, techdocsCollatorModule } from '@atrium/plugin-search/backend';

/** The portal's backend features, in no particular order: the kernel orders them by their dependencies. */
export const features = [
  catalogPlugin,
  // Finds descriptors by glob in git repositories or folders listed in catalog.providers.discovery.
  discoveryModule,
  // Repositories, teams and members of the organisations in catalog.providers.github.
  githubOrgModule,
  examplePlugin,
  // Docs built natively from MkDocs sources, stored in the database: /api/techdocs.
  techdocsPlugin,
  // Software templates: /api/scaffolder, tasks claimed from the database by any instance.
  scaffolderPlugin,
  // One search over the catalog (templates included) and TechDocs sites, kept fresh from their events.
  searchPlugin,
  catalogCollatorModule,
  techdocsCollatorModule,
];
