import type { Logger } from '../api/services.js';

type NotifyCallback = (payload: string) => void;

interface ChannelEntry {
  callbacks: Set<NotifyCallback>;
  /** Settles when LISTEN for the channel is active, so a second subscriber does not return early. */
  ready: Promise<void>;
}

/**
 * Fans PostgreSQL notifications out to callbacks. Each channel is LISTENed once however many callbacks it
 * has; subclasses only say how to LISTEN/UNLISTEN on their connection and call `dispatch`.
 */
export abstract class NotificationHub {
  readonly #channels = new Map<string, ChannelEntry>();

  constructor(protected readonly logger: Logger) {}

  protected abstract startChannel(channel: string): Promise<void>;
  protected abstract stopChannel(channel: string): Promise<void>;
  abstract close(): Promise<void>;

  async listen(channel: string, onNotify: NotifyCallback): Promise<() => Promise<void>> {
    let entry = this.#channels.get(channel);
    if (entry) {
      entry.callbacks.add(onNotify);
      await entry.ready;
    } else {
      const created: ChannelEntry = { callbacks: new Set([onNotify]), ready: this.startChannel(channel) };
      entry = created;
      this.#channels.set(channel, created);
      try {
        await created.ready;
      } catch (error) {
        this.#channels.delete(channel);
        throw error;
      }
    }
    const current = entry;
    return async () => {
      current.callbacks.delete(onNotify);
      if (current.callbacks.size === 0 && this.#channels.get(channel) === current) {
        this.#channels.delete(channel);
        await this.stopChannel(channel);
      }
    };
  }

  /** Channels with at least one callback (a reconnecting listener re-LISTENs them). */
  protected activeChannels(): string[] {
    return [...this.#channels.keys()];
  }

  protected clearChannels(): void {
    this.#channels.clear();
  }

  protected dispatch(channel: string, payload: string): void {
    for (const callback of this.#channels.get(channel)?.callbacks ?? []) {
      try {
        callback(payload);
      } catch (error) {
        this.logger.error(`A NOTIFY handler for channel "${channel}" failed`, error as Error);
      }
    }
  }
}

/** Quotes a channel name for LISTEN/UNLISTEN, which take an identifier rather than a parameter. */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
