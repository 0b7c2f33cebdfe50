export { scaffolderPlugin } from './plugin.js';
export { scaffolderActionsExtensionPoint, type ScaffolderActionsExtensionPoint } from './extensionPoint.js';
export { createTemplateAction, SCAFFOLDER_NOTIFICATION_TOPIC, type ActionContext, type ActionLogger, type TemplateAction } from './actions/index.js';
export { resolveSafeChildPath } from './fetch/safePath.js';
export { SecureTemplater, TemplateError } from './templating/index.js';
