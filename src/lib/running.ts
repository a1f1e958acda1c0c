// What starting a part of the process (the Slack listener, the workers) hands back: how to stop it.
export interface Running {
  /** The HTTP port actually bound (useful with PORT=0). */
  port?: number;
  stop(): Promise<void>;
}
