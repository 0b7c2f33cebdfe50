export { techdocsFrontendPlugin } from './plugin';
