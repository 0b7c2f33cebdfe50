export { searchFrontendPlugin } from './plugin';
export { SearchBox } from './palette/SearchBox';
