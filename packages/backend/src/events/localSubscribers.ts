import type { EventMessage, Logger } from '../api/services.js';

type Handler = (event: EventMessage) => void | Promise<void>;

interface Subscription {
  handler: Handler;
  /** The subscribing plugin's logger, so a failing handler is attributed to its plugin. */
  logger: Logger;
}

/** This instance's subscribers, by topic. */
export class LocalSubscribers {
  readonly #byTopic = new Map<string, Set<Subscription>>();

  add(topics: string[], handler: Handler, logger: Logger): () => void {
    const subscription: Subscription = { handler, logger };
    for (const topic of topics) {
      let set = this.#byTopic.get(topic);
      if (!set) this.#byTopic.set(topic, (set = new Set()));
      set.add(subscription);
    }
    return () => {
      for (const topic of topics) {
        const set = this.#byTopic.get(topic);
        set?.delete(subscription);
        if (set?.size === 0) this.#byTopic.delete(topic);
      }
    };
  }

  /** Runs every handler of the topic; a failing one is logged and does not affect the others. */
  async deliver(event: EventMessage): Promise<void> {
    const subscriptions = [...(this.#byTopic.get(event.topic) ?? [])];
    await Promise.all(
      subscriptions.map(async ({ handler, logger }) => {
        try {
          await handler(event);
        } catch (error) {
          logger.error(
            `A subscriber to event topic "${event.topic}" failed`,
            error instanceof Error ? error : { error: String(error) },
          );
        }
      }),
    );
  }
}
