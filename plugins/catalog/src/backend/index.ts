export * from './ingestion/index.js';
export { validateDescriptorFiles, type FileValidation, type ValidationProblem } from './validate/validateFiles.js';
