import { parseDocument } from 'yaml';
import type { JsonObject, TemplateParameterStep } from '@atrium/plugin-scaffolder/common';

export type ParsedTemplate =
  | { ok: true; template: JsonObject; steps: TemplateParameterStep[] }
  | { ok: false; error: string };

/** The editor's YAML as a template and its form pages, or the first problem with its line. */
export function parseTemplate(text: string): ParsedTemplate {
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    return { ok: false, error: `Line ${e.linePos?.[0]?.line ?? '?'}: ${e.message.split('\n')[0]}` };
  }
  const template = doc.toJS() as unknown;
  if (!template || typeof template !== 'object' || Array.isArray(template)) return { ok: false, error: 'The YAML must be one Template entity (an object)' };
  const t = template as JsonObject;
  const spec = (t.spec ?? {}) as JsonObject;
  const raw = spec.parameters;
  const pages = (Array.isArray(raw) ? raw : raw ? [raw] : []) as JsonObject[];
  return {
    ok: true,
    template: t,
    steps: pages.map((p) => ({ title: typeof p.title === 'string' ? p.title : 'Please enter the following information', description: typeof p.description === 'string' ? p.description : undefined, schema: p })),
  };
}

/** Text to base64 for the dry-run request (UTF-8 safe). */
export function toBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

export function fromBase64(b64: string): string {
  const binary = atob(b64);
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}
