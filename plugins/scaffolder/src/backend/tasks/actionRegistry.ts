import { Ajv, type ValidateFunction } from 'ajv';
import { ConflictError } from '@atrium/backend';
import type { ActionInfo } from '@atrium/plugin-scaffolder/common';
import type { TemplateAction } from '../actions/index.js';

/** Installed actions by id, with their input schemas compiled once. */
export class ActionRegistry {
  private readonly actions = new Map<string, TemplateAction<any>>();
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly ajv = new Ajv({ allErrors: true, strict: false });

  register(action: TemplateAction<any>) {
    if (this.actions.has(action.id)) throw new ConflictError(`The scaffolder action ${action.id} is registered twice`);
    this.actions.set(action.id, action);
  }

  get(id: string): TemplateAction<any> | undefined {
    return this.actions.get(id);
  }

  has(id: string): boolean {
    return this.actions.has(id);
  }

  /** Problems of `input` against the action's input schema, as `input.<path>: message` lines. */
  validateInput(id: string, input: unknown): string[] {
    const action = this.actions.get(id);
    if (!action?.schema.input) return [];
    let validate = this.validators.get(id);
    if (!validate) {
      validate = this.ajv.compile(action.schema.input);
      this.validators.set(id, validate);
    }
    if (validate(input ?? {})) return [];
    return (validate.errors ?? []).map((e) => {
      const path = e.instancePath ? `input${e.instancePath.replace(/\//g, '.')}` : 'input';
      const extra = e.keyword === 'additionalProperties' ? ` (${String((e.params as { additionalProperty?: string }).additionalProperty)})` : '';
      return `${path}: ${e.message ?? 'is invalid'}${extra}`;
    });
  }

  list(): ActionInfo[] {
    return [...this.actions.values()].sort((a, b) => a.id.localeCompare(b.id)).map((a) => ({
      id: a.id, description: a.description, examples: a.examples, schema: a.schema, supportsDryRun: a.supportsDryRun ?? false,
    }));
  }
}
