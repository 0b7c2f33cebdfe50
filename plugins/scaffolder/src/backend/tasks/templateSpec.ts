import { Ajv } from 'ajv';
import type { Entity } from '@atrium/model';
import type { JsonObject, TaskStep, TemplateParameterSchema, TemplateProblem } from '@atrium/plugin-scaffolder/common';
import { templatedStrings, type SecureTemplater } from '../templating/index.js';
import type { ActionRegistry } from './actionRegistry.js';

const ajv = new Ajv({ allErrors: true, strict: false });
// A second instance fills in `default`s, so API callers get what the form would have sent.
const ajvDefaults = new Ajv({ allErrors: true, strict: false, useDefaults: true });

/** `spec.parameters` as a list of pages (Backstage accepts one object too). */
export function parameterPages(template: Entity): JsonObject[] {
  const p = template.spec?.parameters;
  if (p === undefined || p === null) return [];
  return (Array.isArray(p) ? p : [p]) as JsonObject[];
}

/** The form's pages, as `GET .../parameter-schema` answers. */
export function parameterSchema(template: Entity): TemplateParameterSchema {
  return {
    title: template.metadata.title ?? template.metadata.name,
    description: template.metadata.description,
    ...(template.spec?.presentation !== undefined && { presentation: template.spec.presentation as never }),
    steps: parameterPages(template).map((page) => ({
      title: typeof page.title === 'string' ? page.title : 'Please enter the following information',
      description: typeof page.description === 'string' ? page.description : undefined,
      schema: page,
    })),
  };
}

/** Steps with Backstage's defaults: `id = step-<n>` and `name = action` when missing. */
export function normalizedSteps(template: Entity): TaskStep[] {
  const steps = Array.isArray(template.spec?.steps) ? (template.spec.steps as JsonObject[]) : [];
  return steps.map((s, i) => ({ ...s, id: typeof s.id === 'string' ? s.id : `step-${i + 1}`, name: typeof s.name === 'string' ? s.name : String(s.action), action: String(s.action) }) as TaskStep);
}

/**
 * Everything wrong with a template that can be known before running it: its kind, each parameter
 * page's JSON Schema, unknown actions, duplicate step ids and expressions that do not parse. Each
 * problem names where it is, e.g. `spec.steps[2].input.url`.
 */
export async function validateTemplate(template: Entity, actions: ActionRegistry, templater: SecureTemplater): Promise<TemplateProblem[]> {
  const problems: TemplateProblem[] = [];
  if (template.apiVersion !== 'scaffolder.backstage.io/v1beta3') problems.push({ path: 'apiVersion', message: `must be scaffolder.backstage.io/v1beta3, got ${template.apiVersion}` });
  if (template.kind?.toLowerCase() !== 'template') problems.push({ path: 'kind', message: `must be Template, got ${template.kind}` });
  const raw = template.spec?.parameters;
  if (raw !== undefined && raw !== null && typeof raw !== 'object') problems.push({ path: 'spec.parameters', message: 'must be a list of JSON Schema objects' });
  parameterPages(template).forEach((page, i) => {
    const at = Array.isArray(raw) ? `spec.parameters[${i}]` : 'spec.parameters';
    if (!page || typeof page !== 'object' || Array.isArray(page)) {
      problems.push({ path: at, message: 'must be a JSON Schema object' });
      return;
    }
    try {
      ajv.compile({ ...page, $id: undefined });
    } catch (error) {
      problems.push({ path: at, message: `is not a valid JSON Schema: ${(error as Error).message}` });
    }
  });
  const steps = template.spec?.steps;
  if (!Array.isArray(steps) || steps.length === 0) problems.push({ path: 'spec.steps', message: 'must list at least one step' });
  const seen = new Set<string>();
  const checks: Array<{ path: string; source: string }> = [];
  normalizedSteps(template).forEach((step, i) => {
    const at = `spec.steps[${i}]`;
    if (!step.action || step.action === 'undefined') problems.push({ path: `${at}.action`, message: 'is required' });
    else if (!actions.has(step.action)) problems.push({ path: `${at}.action`, message: `unknown action "${step.action}" (GET /api/scaffolder/v2/actions lists the installed ones)` });
    if (seen.has(step.id)) problems.push({ path: `${at}.id`, message: `"${step.id}" is used by another step` });
    seen.add(step.id);
    checks.push(...templatedStrings(step.input ?? {}, `${at}.input`));
    if (typeof step.if === 'string') checks.push(...templatedStrings(step.if, `${at}.if`));
    if (typeof step.each === 'string') checks.push(...templatedStrings(step.each, `${at}.each`));
  });
  checks.push(...templatedStrings(template.spec?.output ?? {}, 'spec.output'));
  const errors = await templater.check(checks.map((c) => c.source));
  errors.forEach((e, i) => { if (e) problems.push({ path: checks[i]!.path, message: `bad expression: ${e}` }); });
  return problems;
}

/**
 * Checks the form values against every page's schema (Backstage's `{ errors }` shape) and fills in
 * schema defaults the caller left out; `values` is changed in place.
 */
export function validateValues(template: Entity, values: JsonObject): Array<{ path: string; message: string }> {
  const errors: Array<{ path: string; message: string }> = [];
  for (const page of parameterPages(template)) {
    const validate = ajvDefaults.compile({ ...page, $id: undefined });
    if (!validate(values)) {
      for (const e of validate.errors ?? []) {
        const missing = (e.params as { missingProperty?: string }).missingProperty;
        const path = `${e.instancePath.replace(/^\//, '').replace(/\//g, '.')}${missing ? (e.instancePath ? '.' : '') + missing : ''}` || '(root)';
        errors.push({ path, message: `${path} ${e.message ?? 'is invalid'}` });
      }
    }
  }
  return errors;
}
