import { getDefaultIdentityManager, parseEventStream } from '@atrium/frontend';

type Listener = (entityRefs: string[]) => void;

const listeners = new Set<Listener>();
let connection: AbortController | undefined;
let idleTimer: ReturnType<typeof setTimeout> | undefined;
// Keeps the stream open across a page change, so going from the catalog to an entity does not reconnect.
const IDLE_CLOSE_MS = 5_000;
const MAX_BACKOFF_MS = 30_000;

const sleep = (ms: number, signal: AbortSignal) => new Promise<void>(resolve => {
  const t = setTimeout(resolve, ms);
  signal.addEventListener('abort', () => { clearTimeout(t); resolve(); }, { once: true });
});

function deliver(refs: string[]) {
  for (const l of listeners) {
    try {
      l(refs);
    } catch (error) {
      console.warn('[catalog] a live-update listener failed', error);
    }
  }
}

/** The `{ entityRefs }` messages of a `text/event-stream` chunk, and its unfinished tail. */
export function parseEventBlocks(buffer: string): { messages: string[][]; rest: string } {
  const { data, rest } = parseEventStream(buffer);
  const messages = data.flatMap((d) => {
    const refs = (d as { entityRefs?: unknown } | null)?.entityRefs;
    return Array.isArray(refs) ? [refs.filter((r): r is string => typeof r === 'string')] : [];
  });
  return { messages, rest };
}

async function run(signal: AbortSignal) {
  const identity = getDefaultIdentityManager();
  let backoff = 1_000;
  let connectedBefore = false;
  while (!signal.aborted) {
    try {
      const response = await fetch('/api/catalog/events', {
        headers: { accept: 'text/event-stream', authorization: `Bearer ${await identity.getToken()}` }, signal,
      });
      if (response.status === 401) identity.invalidate();
      if (response.ok && response.body) {
        // Changes made while disconnected were missed: an empty list tells listeners to refetch everything.
        if (connectedBefore) deliver([]);
        connectedBefore = true;
        backoff = 1_000;
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          const parsed = parseEventBlocks(buffer + value);
          buffer = parsed.rest;
          for (const refs of parsed.messages) if (refs.length) deliver(refs);
        }
      }
    } catch {
      // Offline, the backend restarting, or aborted: retry below unless aborted.
    }
    if (signal.aborted) return;
    await sleep(backoff, signal);
    backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
  }
}

function connect() {
  if (connection) return;
  connection = new AbortController();
  void run(connection.signal);
}

function disconnect() {
  connection?.abort();
  connection = undefined;
}

// Browsers allow about six connections per host over HTTP/1.1: a stream per background tab would soon
// starve the tab in front. Hidden tabs let go of theirs and catch up (refetch) when shown again.
let watchingVisibility = false;
function watchVisibility() {
  if (watchingVisibility || typeof document === 'undefined') return;
  watchingVisibility = true;
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') disconnect();
    else if (listeners.size > 0 && !connection) {
      connect();
      deliver([]);
    }
  });
}

/**
 * Subscribes to the catalog's change stream. One connection per browser tab serves every subscriber;
 * it opens with the first and closes a few seconds after the last leaves, or while the tab is hidden.
 */
export function subscribeToCatalogChanges(listener: Listener): () => void {
  listeners.add(listener);
  clearTimeout(idleTimer);
  watchVisibility();
  if (typeof document === 'undefined' || document.visibilityState !== 'hidden') connect();
  return () => {
    listeners.delete(listener);
    if (listeners.size > 0) return;
    idleTimer = setTimeout(() => { if (listeners.size === 0) disconnect(); }, IDLE_CLOSE_MS);
  };
}
