export { buildSite, type BuildOptions, type BuiltFile, type BuiltSite, type SourceFile } from './buildSite.js';
export { DocsBuildError } from './errors.js';
export { contentTypeFor } from './extensions.js';
export { readLocalSource } from './localSource.js';
export { sanitizePublishedHtml } from './sanitize.js';
export { MemoryPageCache, openDiskPageCache, type CachedPage, type PageCache } from './pageCache.js';
export { createRenderPool, type RenderPool, type RenderPoolOptions } from './renderPool.js';
export type { PageRenderer } from './renderPages.js';
