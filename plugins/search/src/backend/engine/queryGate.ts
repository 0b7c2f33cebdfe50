/**
 * At most `limit` of the engine's query statements running at once, the rest waiting first come, first
 * served. On a server with few cores, ten searches at once are ten PostgreSQL backends sharing them, each
 * five times as slow; a short queue in front keeps each statement's own time short instead. 0: no limit.
 */
export class QueryGate {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.limit <= 0) return fn();
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
      return await fn();
    } finally {
      // The slot passes straight to the next in line, so `running` never drops below the queue's need.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
