export { SecureTemplater, TemplateError, type RenderOptions, type TemplaterOptions } from './SecureTemplater.js';
export { renderValue, templatedStrings, hasExpression } from './renderValue.js';
