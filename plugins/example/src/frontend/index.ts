export { exampleFrontendPlugin } from './plugin';
