/** Routes under `/api/scaffolder`, Backstage's scaffolder API v2. */
export const scaffolderRoutes = {
  parameterSchema: '/v2/templates/:namespace/:kind/:name/parameter-schema',
  actions: '/v2/actions',
  tasks: '/v2/tasks',
  task: '/v2/tasks/:taskId',
  eventStream: '/v2/tasks/:taskId/eventstream',
  events: '/v2/tasks/:taskId/events',
  cancel: '/v2/tasks/:taskId/cancel',
  retry: '/v2/tasks/:taskId/retry',
  dryRun: '/v2/dry-run',
  integrations: '/v2/integrations',
} as const;

/** `/v2/tasks/abc` from `/v2/tasks/:taskId`. */
export function taskPath(route: string, taskId: string): string {
  return route.replace(':taskId', encodeURIComponent(taskId));
}
