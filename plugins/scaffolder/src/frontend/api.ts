import { createApiClient, useApiMutation, useApiQuery } from '@atrium/frontend';
import type { Entity } from '@atrium/model';
import { CATALOG_PLUGIN_ID, catalogRoutes, type QueryEntitiesResponse } from '@atrium/plugin-catalog/common';
import {
  SCAFFOLDER_PLUGIN_ID, scaffolderRoutes, taskPath, type ActionInfo, type CreateTaskRequest, type DryRunRequest, type DryRunResponse,
  type ScaffolderIntegration, type SerializedTask, type TemplateParameterSchema,
} from '@atrium/plugin-scaffolder/common';

export const scaffolderClient = createApiClient(SCAFFOLDER_PLUGIN_ID);
export const catalogClient = createApiClient(CATALOG_PLUGIN_ID);

const TEMPLATE_FIELDS = ['kind', 'metadata.name', 'metadata.namespace', 'metadata.title', 'metadata.description', 'metadata.tags', 'spec.type', 'spec.owner', 'relations'];

/** Every Template entity, in one request (catalogs have tens to hundreds of templates, not thousands). */
export function useTemplates() {
  return useApiQuery([SCAFFOLDER_PLUGIN_ID, 'templates'], async (signal) => {
    const items: Entity[] = [];
    let cursor: string | undefined;
    do {
      const page = await catalogClient.get<QueryEntitiesResponse>(catalogRoutes.entitiesByQuery, {
        query: cursor ? { cursor, limit: 500 } : { filter: 'kind=template', limit: 500, fields: TEMPLATE_FIELDS.join(','), orderField: 'metadata.title,asc' }, signal,
      });
      items.push(...page.items);
      cursor = page.pageInfo.nextCursor;
    } while (cursor);
    return items;
  });
}

export function useParameterSchema(namespace: string, name: string) {
  return useApiQuery([SCAFFOLDER_PLUGIN_ID, 'parameter-schema', namespace, name], (signal) =>
    scaffolderClient.get<TemplateParameterSchema>(`/v2/templates/${encodeURIComponent(namespace)}/template/${encodeURIComponent(name)}/parameter-schema`, { signal }));
}

export function useCreateTask() {
  return useApiMutation((body: CreateTaskRequest) => scaffolderClient.post<{ id: string }>(scaffolderRoutes.tasks, body));
}

export function useTask(taskId: string, live: boolean) {
  return useApiQuery([SCAFFOLDER_PLUGIN_ID, 'task', taskId], (signal) => scaffolderClient.get<SerializedTask>(taskPath(scaffolderRoutes.task, taskId), { signal }), {
    refetchInterval: live ? 2_000 : false,
  });
}

export function useTaskList(query: { createdBy?: string; status?: string; limit: number; offset: number }) {
  return useApiQuery([SCAFFOLDER_PLUGIN_ID, 'tasks', query], (signal) =>
    scaffolderClient.get<{ tasks: SerializedTask[]; totalTasks: number }>(scaffolderRoutes.tasks, { query, signal }), { refetchInterval: 5_000 });
}

export function useActions() {
  return useApiQuery([SCAFFOLDER_PLUGIN_ID, 'actions'], (signal) => scaffolderClient.get<ActionInfo[]>(scaffolderRoutes.actions, { signal }), { staleTime: 60_000 });
}

export function useIntegrations() {
  return useApiQuery([SCAFFOLDER_PLUGIN_ID, 'integrations'], (signal) =>
    scaffolderClient.get<{ items: ScaffolderIntegration[] }>(scaffolderRoutes.integrations, { signal }).then((r) => r.items), { staleTime: 300_000 });
}

export function useDryRun() {
  return useApiMutation((body: DryRunRequest) => scaffolderClient.post<DryRunResponse & { failed?: { stepId: string; message: string } }>(scaffolderRoutes.dryRun, body));
}

/** Entities for the pickers: a catalog filter (Backstage's `catalogFilter`) and the fields a picker shows. */
export function useEntityOptions(filter: string[] | undefined, enabled = true) {
  return useApiQuery([SCAFFOLDER_PLUGIN_ID, 'entity-options', filter ?? []], async (signal) => {
    const params = (filter ?? []).map((f) => `filter=${encodeURIComponent(f)}`).join('&');
    const r = await catalogClient.get<QueryEntitiesResponse>(`${catalogRoutes.entitiesByQuery}${params ? `?${params}` : ''}`, {
      query: { limit: 500, fields: 'kind,metadata.name,metadata.namespace,metadata.title,spec.profile.displayName' }, signal,
    });
    return r.items;
  }, { enabled, staleTime: 30_000 });
}

export function useTagOptions() {
  return useApiQuery([SCAFFOLDER_PLUGIN_ID, 'tags'], (signal) =>
    catalogClient.get<{ facets: Record<string, Array<{ value: string; count: number }>> }>(catalogRoutes.entityFacets, { query: { facet: 'metadata.tags' }, signal })
      .then((r) => (r.facets['metadata.tags'] ?? []).map((f) => f.value)), { staleTime: 60_000 });
}
