import { createApiClient, useApiMutation, useApiQuery } from '@atrium/frontend';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { EXAMPLE_PLUGIN_ID, exampleRoutes } from '@atrium/plugin-example/common';
import type { CreateGreetingRequest, Greeting, Heartbeat } from '@atrium/plugin-example/common';

const client = createApiClient(EXAMPLE_PLUGIN_ID);

// One key prefix, so a new greeting refreshes the page list, entity tabs and the home widget together.
const greetingsKey = (entityRef?: string) => [EXAMPLE_PLUGIN_ID, 'greetings', entityRef ?? null] as const;

/** Greetings, all of them or those left on one entity. */
export function useGreetings(entityRef?: string) {
  return useApiQuery(greetingsKey(entityRef), signal =>
    client.get<{ items: Greeting[] }>(exampleRoutes.listGreetings, { query: { entityRef }, signal }).then(r => r.items));
}

/** Posts a greeting, announces it and refreshes every greeting list. */
export function useCreateGreeting() {
  const queryClient = useQueryClient();
  return useApiMutation((body: CreateGreetingRequest) => client.post<Greeting>(exampleRoutes.createGreeting, body), {
    onSuccess: greeting => {
      notifications.show({ color: 'teal', title: 'Greeting posted', message: `“${greeting.message}” is now listed.` });
      return queryClient.invalidateQueries({ queryKey: [EXAMPLE_PLUGIN_ID, 'greetings'] });
    },
  });
}

/** What the scheduled heartbeat task has recorded, polled so its progress is visible. */
export function useHeartbeat(intervalMs = 5_000) {
  return useApiQuery([EXAMPLE_PLUGIN_ID, 'heartbeat'], signal => client.get<Heartbeat>(exampleRoutes.heartbeat, { signal }), {
    refetchInterval: intervalMs,
    staleTime: 0,
  });
}
