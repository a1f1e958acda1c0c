// The request id (decision 0018): one per incoming Slack request, carried with AsyncLocalStorage into every log
// line of that request and, through job data, into the jobs it queues and their log lines.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';

interface RequestContext {
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** 16 hex characters: unique enough across a fleet for following one request, short enough to read. */
export function newRequestId(): string {
  return randomBytes(8).toString('hex');
}

/** Runs `work` (and everything it starts, awaited or not) under `requestId`. */
export function withRequestId<T>(requestId: string, work: () => T): T {
  return storage.run({ requestId }, work);
}

/** The id of the request (or job) this code runs for, if any. */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}
