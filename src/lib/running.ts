// What starting a part of the process (the Slack listener, the workers, a health server) hands back: how to
// drain it and how to stop it.
export interface Running {
  /** The HTTP port actually bound (useful with PORT=0). */
  port?: number;
  /**
   * Lets work already taken finish (requests being served, jobs running) without taking new work. Health checks
   * keep answering meanwhile; the caller bounds how long it waits.
   */
  drain?(): Promise<void>;
  stop(): Promise<void>;
}
