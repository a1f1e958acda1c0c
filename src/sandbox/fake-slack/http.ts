// HTTP plumbing for the fake: replies, injected failures, held replies, and manifest scopes at start-up.
import { existsSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { readManifestBotScopes } from './method-scopes.ts';
import type { FakeCall, Reply } from './types.ts';

export interface HttpReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export const json = (body: unknown, status = 200): HttpReply => ({ status, body });

/** Slack's refusal, `{ ok: false, error }`; with a reason, as argument validation words it in response_metadata. */
export const fail = (error: string, reason?: string): Reply =>
  reason === undefined
    ? { ok: false, error }
    : { ok: false, error, response_metadata: { messages: [`[ERROR] ${reason}`] } };

export function send(res: ServerResponse, reply: HttpReply): void {
  // The caller may be gone (a worker killed while its reply was held); nothing to answer then.
  if (res.destroyed || res.writableEnded) return;
  res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', ...reply.headers });
  res.end(JSON.stringify(reply.body));
}

export interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
}

export function deferred<T>(): Deferred<T> {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

export interface PendingHold {
  arrived: Deferred<FakeCall>;
  released: Deferred<void>;
}

let warnedMissingManifest = false;

/**
 * The manifest's bot scopes, or undefined when there is no manifest yet (one warning per process).
 * An unreadable manifest is returned as a problem so the test fails loudly rather than skipping checks.
 */
export function loadScopes(path: string): { scopes?: Set<string>; problem?: string } {
  if (!existsSync(path)) {
    if (!warnedMissingManifest) process.stderr.write(`fake-slack: ${path} not found; scope checks are off\n`);
    warnedMissingManifest = true;
    return {};
  }
  try {
    return { scopes: new Set(readManifestBotScopes(path)) };
  } catch (err) {
    return { problem: `manifest.yml unreadable: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** One line per recent call, for timeout messages. */
export function describeCalls(calls: readonly FakeCall[], last = 15): string {
  if (calls.length === 0) return '  (no calls)';
  return calls
    .slice(-last)
    .map((c) => `  ${c.method} ${JSON.stringify(c.args).slice(0, 240)}`)
    .join('\n');
}
