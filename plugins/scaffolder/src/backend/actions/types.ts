import type { JsonObject, JsonValue } from '@atrium/plugin-scaffolder/common';
import type { TemplateSource } from '../fetch/templateSource.js';
import type { SecureTemplater } from '../templating/index.js';

/** The log an action writes to; every line reaches the task's event log with secrets redacted. */
export interface ActionLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  debug(message: string): void;
}

/** What an action's handler receives for one run of its step. */
export interface ActionContext<TInput = Record<string, any>> {
  input: TInput;
  logger: ActionLogger;
  /** The task's workspace; resolve every path through `resolveSafeChildPath`. */
  workspacePath: string;
  output(name: string, value: JsonValue): void;
  /** Secrets given with the task (never logged, never stored in clear). */
  secrets: Record<string, string>;
  templateInfo?: { entityRef: string; baseUrl?: string };
  user?: { ref?: string; entity?: JsonObject };
  isDryRun: boolean;
  /** Aborted when the task is cancelled or the backend stops. */
  signal: AbortSignal;
  createTemporaryDirectory(): Promise<string>;
  /** The template's own files (for `fetch:*` with relative URLs). */
  templateSource: TemplateSource;
  /** The task's sandbox, for actions that render file contents. */
  templater: SecureTemplater;
  each?: { key: string; value: JsonValue };
  taskId: string;
}

/** An action as installed: JSON Schemas for its input and output, and its handler. */
export interface TemplateAction<TInput = Record<string, any>> {
  id: string;
  description?: string;
  examples?: Array<{ description: string; example: string }>;
  schema: { input?: JsonObject; output?: JsonObject };
  /** Runs in dry runs too (it only touches the workspace); otherwise a dry run skips it. */
  supportsDryRun?: boolean;
  handler(ctx: ActionContext<TInput>): Promise<void>;
}

/** Declares an action; a helper so handlers get their input type from the call site. */
export function createTemplateAction<TInput = Record<string, any>>(action: TemplateAction<TInput>): TemplateAction<TInput> {
  return action;
}
