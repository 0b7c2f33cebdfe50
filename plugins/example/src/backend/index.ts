export { examplePlugin } from './plugin.js';
