// Shutdown state (SPEC §3.1, decision 0018): once draining, /readyz answers 503 and the HTTP endpoint refuses new
// Slack requests, while requests already taken and jobs already running finish.

export interface Lifecycle {
  /** True from SIGTERM (or SIGINT) on. */
  readonly draining: boolean;
  startDraining(): void;
}

export function createLifecycle(): Lifecycle {
  let draining = false;
  return {
    get draining() {
      return draining;
    },
    startDraining() {
      draining = true;
    },
  };
}

/** The Slack requests a web process is serving: acknowledged or not, and finished or not. */
export class InFlight {
  private readonly running = new Set<Promise<unknown>>();
  private readonly unacked = new Set<Promise<unknown>>();

  /** Tracks one request: `done` settles when all its work is over, `acked` when Slack has its answer. */
  track<T>(done: Promise<T>, acked: Promise<unknown>): Promise<T> {
    const settledAck = acked.then(
      () => undefined,
      () => undefined,
    );
    const settledDone = done.then(
      () => undefined,
      () => undefined,
    );
    const ackOrDone = Promise.race([settledAck, settledDone]);
    this.running.add(settledDone);
    this.unacked.add(ackOrDone);
    void settledDone.then(() => this.running.delete(settledDone));
    void ackOrDone.then(() => this.unacked.delete(ackOrDone));
    return done;
  }

  get size(): number {
    return this.running.size;
  }

  /** Resolves once every request taken so far (and any taken meanwhile) is finished. */
  async finished(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  /** Resolves once every request taken so far (and any taken meanwhile) has been acknowledged. */
  async acknowledged(): Promise<void> {
    while (this.unacked.size > 0) await Promise.all([...this.unacked]);
  }
}
