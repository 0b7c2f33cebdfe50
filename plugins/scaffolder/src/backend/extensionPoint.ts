import { createExtensionPoint } from '@atrium/backend';
import type { TemplateAction } from './actions/index.js';

export interface ScaffolderActionsExtensionPoint {
  addActions(...actions: TemplateAction<any>[]): void;
}

/** Modules of the scaffolder plugin add template actions through this. */
export const scaffolderActionsExtensionPoint = createExtensionPoint<ScaffolderActionsExtensionPoint>({ id: 'scaffolder.actions/v1' });
