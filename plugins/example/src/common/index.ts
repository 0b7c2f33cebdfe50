/**
 * The example plugin's API contract, shared by its backend routes and its frontend client.
 * It proves the plugin API end to end: a table with a migration, a scheduled task, routes, a page and a tab.
 */
export const EXAMPLE_PLUGIN_ID = 'example';

/** A note left on an entity (or on the portal when `entityRef` is null). */
export interface Greeting {
  id: number;
  message: string;
  entityRef: string | null;
  author: string;
  createdAt: string;
}

export interface CreateGreetingRequest {
  message: string;
  entityRef?: string | null;
}

/** What the scheduled heartbeat task has recorded. */
export interface Heartbeat {
  runs: number;
  lastRunAt: string | null;
  frequencySeconds: number;
}

/** Routes under `/api/example`. */
export const exampleRoutes = {
  listGreetings: '/greetings', // GET ?entityRef=  -> { items: Greeting[] }
  createGreeting: '/greetings', // POST CreateGreetingRequest -> Greeting (201)
  heartbeat: '/heartbeat', // GET -> Heartbeat
} as const;

export const GREETING_MAX_LENGTH = 280;
