// Hands a body to the app as Slack does: signed (v0 HMAC-SHA256), and given up on after 3 seconds.
import { signRequest } from './sign.ts';

/** Slack's wait for an ack (SPEC §4); past it Slack tells the person the app did not answer. */
export const ACK_DEADLINE_MS = 3000;

export type Delivery =
  | { ok: true; status: 200; text: string; json: unknown }
  | { ok: false; error: 'operation_timeout' | 'dispatch_failed'; detail: string };

export async function deliver(events: string, secret: string, body: string): Promise<Delivery> {
  try {
    const res = await fetch(events, {
      method: 'POST',
      headers: { ...signRequest(secret, body) },
      body,
      signal: AbortSignal.timeout(ACK_DEADLINE_MS),
    });
    const text = await res.text();
    if (res.status !== 200)
      return { ok: false, error: 'dispatch_failed', detail: `the app answered HTTP ${res.status}` };
    let json: unknown;
    if (text.trim() !== '') {
      try {
        json = JSON.parse(text);
      } catch {
        // A plain-text ack: Slack shows it as the message text.
        json = { text };
      }
    }
    return { ok: true, status: 200, text, json };
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    return timedOut
      ? { ok: false, error: 'operation_timeout', detail: 'the app did not answer within 3 seconds' }
      : {
          ok: false,
          error: 'dispatch_failed',
          detail: error instanceof Error ? error.message : String(error),
        };
  }
}
