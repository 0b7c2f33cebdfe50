import '@atrium/frontend/styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApp } from '@atrium/frontend';
import { exampleFrontendPlugin } from '@atrium/plugin-example/frontend';
import { homePlugin } from './homePlugin';
import { catalogEntitySource, catalogFrontendPlugin } from '@atrium/plugin-catalog/frontend';
import { SearchBox, searchFrontendPlugin } from '@atrium/plugin-search/frontend';
import { techdocsFrontendPlugin } from '@atrium/plugin-techdocs/frontend';
import { scaffolderFrontendPlugin } from '@atrium/plugin-scaffolder/frontend';

const App = createApp({
  title: 'Atrium',
  plugins: [homePlugin, catalogFrontendPlugin, scaffolderFrontendPlugin, exampleFrontendPlugin, searchFrontendPlugin, techdocsFrontendPlugin],
  entitySource: catalogEntitySource,
  searchBox: SearchBox,
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(<StrictMode><App /></StrictMode>);
