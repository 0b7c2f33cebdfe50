export { techdocsPlugin } from './plugin.js';
export { buildSite, readLocalSource, DocsBuildError, type BuiltSite, type BuildOptions, type SourceFile } from './builder/index.js';
