import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { EventMessage, EventsService, JsonValue, Logger, RootDatabaseService } from '../api/services.js';
import { LocalSubscribers } from './localSubscribers.js';
import { EventPayloadStore } from './payloadStore.js';

export interface RootEventBusOptions {
  db: RootDatabaseService;
  logger: Logger;
  /** Marks this instance's messages so it can ignore their NOTIFY echo. Unique per process by default. */
  instanceId?: string;
  /** The NOTIFY channel shared by every instance. Default `atrium_events`. */
  channel?: string;
  /** How long stored large payloads are kept. Default 10 minutes. */
  payloadRetentionMs?: number;
}

/** The backend-wide event bus; each plugin publishes and subscribes through `forPlugin`. */
export interface RootEventBus {
  readonly instanceId: string;
  /** Creates the payload table and starts listening for other instances' events. */
  start(): Promise<void>;
  stop(): Promise<void>;
  forPlugin(pluginId: string): EventsService;
}

/** On the wire: the message itself, or (when too large for a NOTIFY) the id of its stored copy. */
type WireMessage = EventMessage | { topic: string; origin: string; ref: string };

// PostgreSQL rejects NOTIFY payloads of 8000 bytes or more.
const MAX_NOTIFY_BYTES = 7_900;
const CLEANUP_EVERY_MS = 60_000;

export function createRootEventBus(options: RootEventBusOptions): RootEventBus {
  const { db } = options;
  const instanceId = options.instanceId ?? `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  const channel = options.channel ?? 'atrium_events';
  const retentionMs = options.payloadRetentionMs ?? 10 * 60_000;
  const logger = options.logger.child({ component: 'events' });
  const subscribers = new LocalSubscribers();
  const store = new EventPayloadStore(db);
  let unlisten: (() => Promise<void>) | undefined;
  let lastCleanup = 0;
  // Remote messages are handed to subscribers in arrival order, even when some need a database read first.
  let remoteQueue: Promise<void> = Promise.resolve();

  const cleanUp = async () => {
    lastCleanup = Date.now();
    await store.deleteOlderThan(retentionMs).catch((error) => logger.warn(`Deleting old event payloads failed: ${error.message}`));
  };

  const receive = (raw: string) => {
    remoteQueue = remoteQueue.then(async () => {
      try {
        const wire = JSON.parse(raw) as WireMessage;
        if (wire.origin === instanceId) return; // already delivered locally when it was published
        let event: EventMessage | undefined;
        if ('ref' in wire) {
          const stored = await store.load(wire.ref);
          if (stored === undefined) {
            logger.warn(`Event on topic "${wire.topic}" from ${wire.origin} was lost: its stored payload is gone`);
            return;
          }
          event = JSON.parse(stored) as EventMessage;
        } else {
          event = wire;
        }
        void subscribers.deliver(event);
      } catch (error) {
        logger.warn(`Ignoring a malformed event notification: ${(error as Error).message}`);
      }
    });
  };

  const publish = async (topic: string, payload: JsonValue) => {
    const event: EventMessage = { topic, payload, origin: instanceId };
    await subscribers.deliver(event);
    let wire = JSON.stringify(event);
    if (Buffer.byteLength(wire) > MAX_NOTIFY_BYTES) {
      const ref = await store.save(wire);
      wire = JSON.stringify({ topic, origin: instanceId, ref });
      if (Date.now() - lastCleanup > CLEANUP_EVERY_MS) void cleanUp();
    }
    await db.notify(channel, wire);
  };

  return {
    instanceId,
    async start() {
      if (unlisten) return;
      await store.migrate();
      await cleanUp();
      unlisten = await db.listen(channel, receive);
    },
    async stop() {
      const stopListening = unlisten;
      unlisten = undefined;
      await stopListening?.();
      await remoteQueue;
    },
    forPlugin(pluginId) {
      const pluginLogger = logger.child({ plugin: pluginId });
      return {
        publish,
        subscribe(topics, handler) {
          return subscribers.add(Array.isArray(topics) ? topics : [topics], handler, pluginLogger);
        },
      };
    },
  };
}
