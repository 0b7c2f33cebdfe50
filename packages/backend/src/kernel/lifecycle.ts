import type { LifecycleService, Logger } from '../api/services.js';

type Hook = () => void | Promise<void>;

/** Collects startup and shutdown hooks; shutdown hooks run in reverse order of registration. */
export class LifecycleHooks implements LifecycleService {
  readonly #startup: Hook[] = [];
  readonly #shutdown: Hook[] = [];
  #started = false;

  constructor(private readonly label: string, private readonly logger: Logger) {}

  addStartupHook(hook: Hook): void {
    if (this.#started) throw new Error(`${this.label}: startup hooks must be added during init`);
    this.#startup.push(hook);
  }

  addShutdownHook(hook: Hook): void {
    this.#shutdown.push(hook);
  }

  async runStartup(): Promise<void> {
    this.#started = true;
    for (const hook of this.#startup) await hook();
  }

  /** Every hook runs even if an earlier one fails; failures are logged, not thrown. */
  async runShutdown(): Promise<void> {
    for (const hook of [...this.#shutdown].reverse()) {
      try {
        await hook();
      } catch (e) {
        this.logger.error(`${this.label}: a shutdown hook failed`, e as Error);
      }
    }
    this.#shutdown.length = 0;
  }
}
