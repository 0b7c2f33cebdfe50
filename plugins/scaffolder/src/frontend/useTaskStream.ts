import { getDefaultIdentityManager, parseEventStream } from '@atrium/frontend';
import { scaffolderRoutes, taskPath, type TaskEvent } from '@atrium/plugin-scaffolder/common';
import { useCallback, useEffect, useRef, useState } from 'react';

/** The task events of a `text/event-stream` chunk, and its unfinished tail. */
export function parseFrames(buffer: string): { events: TaskEvent[]; rest: string } {
  const { data, rest } = parseEventStream(buffer);
  return { events: data as TaskEvent[], rest };
}

/**
 * The task's log, live: read from the server-sent event stream with `fetch` (so the token travels in
 * a header, not the URL), resumed after the last event id when the connection drops, and finished
 * once a `completion` event arrives. `resume()` reconnects after a retry put the task back to work.
 */
export function useTaskStream(taskId: string) {
  const [events, setEvents] = useState<TaskEvent[]>([]);
  const [connected, setConnected] = useState(false);
  const [generation, setGeneration] = useState(0);
  const lastId = useRef(0);

  useEffect(() => {
    const abort = new AbortController();
    const identity = getDefaultIdentityManager();
    let backoff = 500;
    (async () => {
      while (!abort.signal.aborted) {
        let completed = false;
        try {
          const url = `/api/scaffolder${taskPath(scaffolderRoutes.eventStream, taskId)}?after=${lastId.current}`;
          const r = await fetch(url, { headers: { accept: 'text/event-stream', authorization: `Bearer ${await identity.getToken()}` }, signal: abort.signal });
          if (r.status === 401) identity.invalidate();
          if (r.status === 404 || r.status === 400) return;
          if (r.ok && r.body) {
            setConnected(true);
            backoff = 500;
            const reader = r.body.pipeThrough(new TextDecoderStream()).getReader();
            let buffer = '';
            for (;;) {
              const { value, done } = await reader.read();
              if (done) break;
              const parsed = parseFrames(buffer + value);
              buffer = parsed.rest;
              const fresh = parsed.events.filter((e) => e.id > lastId.current);
              if (fresh.length) {
                lastId.current = fresh[fresh.length - 1]!.id;
                setEvents((prev) => [...prev, ...fresh]);
                if (fresh.some((e) => e.type === 'completion')) completed = true;
              }
            }
          }
        } catch { /* offline or aborted: retried below */ }
        setConnected(false);
        if (completed || abort.signal.aborted) return;
        await new Promise((r) => setTimeout(r, backoff));
        backoff = Math.min(backoff * 2, 10_000);
      }
    })();
    return () => abort.abort();
  }, [taskId, generation]);

  const resume = useCallback(() => setGeneration((g) => g + 1), []);
  return { events, connected, resume };
}
