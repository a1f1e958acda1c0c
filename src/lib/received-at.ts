// When a Slack request reached the app, kept beside its body: Slack's 3 s run from there, not from when a
// listener starts (authorization, a busy event loop and middleware come first), so deadlines inside a listener
// (an answer in the ack body, decision 0026) subtract what has already gone.
const receivedAt = new WeakMap<object, number>();

/** Records `at` (performance.now()) as the moment the request with this body arrived. */
export function markReceived(body: object, at: number): void {
  receivedAt.set(body, at);
}

/** Milliseconds since the request with this body arrived; 0 when it was not marked (tests calling listeners). */
export function msSinceReceived(body: object): number {
  const at = receivedAt.get(body);
  return at === undefined ? 0 : performance.now() - at;
}
