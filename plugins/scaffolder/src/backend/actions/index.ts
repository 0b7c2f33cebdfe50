import type { Config, EventsService } from '@atrium/backend';
import type { CatalogClient } from '@atrium/plugin-catalog/common';
import { createCatalogActions } from './catalog.js';
import { debugLogAction, debugWaitAction } from './debug.js';
import { fetchPlainAction, fetchPlainFileAction } from './fetchPlain.js';
import { fetchTemplateAction, fetchTemplateFileAction } from './fetchTemplate.js';
import { fsDeleteAction, fsRenameAction } from './fs.js';
import { createNotificationAction } from './notification.js';
import { createPublishGitAction } from './publishGit.js';
import { createPublishGithubAction } from './publishGithub.js';
import type { TemplateAction } from './types.js';

export { createTemplateAction, type ActionContext, type ActionLogger, type TemplateAction } from './types.js';
export { SCAFFOLDER_NOTIFICATION_TOPIC } from './notification.js';

/** Every built-in action. */
export function createBuiltinActions(deps: { config: Config; catalog: CatalogClient; events: EventsService }): TemplateAction<any>[] {
  return [
    fetchPlainAction, fetchPlainFileAction, fetchTemplateAction, fetchTemplateFileAction, fsRenameAction, fsDeleteAction,
    debugLogAction, debugWaitAction, ...createCatalogActions(deps.catalog), createPublishGitAction(deps.config),
    createPublishGithubAction(deps.config), createNotificationAction(deps.events),
  ] as TemplateAction<any>[];
}
