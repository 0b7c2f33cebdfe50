/** JSON values as they cross the wire. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** One page of the form: a JSON Schema object with inline `ui:*` keys. */
export interface TemplateParameterStep {
  title: string;
  description?: string;
  schema: JsonObject;
}

/** `GET /v2/templates/:namespace/:kind/:name/parameter-schema`. */
export interface TemplateParameterSchema {
  title: string;
  description?: string;
  presentation?: JsonValue;
  steps: TemplateParameterStep[];
}

/** One installed action, as `GET /v2/actions` lists it. */
export interface ActionInfo {
  id: string;
  description?: string;
  examples?: Array<{ description: string; example: string }>;
  schema: { input?: JsonObject; output?: JsonObject };
  supportsDryRun?: boolean;
}

export type TaskStatus = 'open' | 'processing' | 'completed' | 'failed' | 'cancelled';
export type StepStatus = 'open' | 'processing' | 'completed' | 'failed' | 'skipped' | 'cancelled';

export interface TaskStep {
  id: string;
  name: string;
  action: string;
  input?: JsonObject;
  if?: string | boolean;
  each?: string | JsonValue[];
  [key: string]: JsonValue | undefined;
}

/** What a task runs: the template's steps and output plus the form values (never the secrets). */
export interface TaskSpec {
  apiVersion: 'scaffolder.backstage.io/v1beta3';
  parameters: JsonObject;
  steps: TaskStep[];
  output: JsonObject;
  templateInfo?: { entityRef: string; baseUrl?: string; entity?: { metadata: JsonObject } };
  user?: { ref?: string; entity?: JsonObject };
  EXPERIMENTAL_recovery?: { EXPERIMENTAL_strategy?: 'none' | 'startOver' };
}

/** `GET /v2/tasks/:id`: a task without its secrets. */
export interface SerializedTask {
  id: string;
  spec: TaskSpec;
  status: TaskStatus;
  createdAt: string;
  lastHeartbeatAt?: string;
  createdBy?: string;
  completedAt?: string;
  /** The rendered `spec.output` once the task completed. */
  output?: JsonObject;
}

export type TaskEventType = 'log' | 'completion' | 'cancelled' | 'recovered';

/** One entry of a task's log, in Backstage's shape. */
export interface TaskEvent {
  id: number;
  taskId: string;
  type: TaskEventType;
  body: {
    message: string;
    stepId?: string;
    status?: StepStatus | TaskStatus;
    output?: JsonObject;
    error?: { name: string; message: string };
  };
  createdAt: string;
}

export interface CreateTaskRequest {
  templateRef: string;
  values: JsonObject;
  secrets?: Record<string, string>;
}

/** A problem found in a template before it runs, with where it is. */
export interface TemplateProblem {
  /** Dotted path into the template entity, e.g. `spec.steps[2].input.url`. */
  path: string;
  message: string;
}

export interface DryRunRequest {
  template: JsonObject;
  values: JsonObject;
  secrets?: Record<string, string>;
  directoryContents: Array<{ path: string; base64Content: string }>;
}

export interface DryRunResponse {
  log: Array<{ body: TaskEvent['body'] }>;
  directoryContents: Array<{ path: string; base64Content: string; executable?: boolean }>;
  output: JsonObject;
  steps: Array<{ id: string; name: string; action: string }>;
}

/** Git hosts the RepoUrlPicker offers (from `integrations.git` and `integrations.github`). */
export interface ScaffolderIntegration {
  host: string;
  type: 'git' | 'github';
  title: string;
}
