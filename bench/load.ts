// A small load generator for signed Slack requests: open loop at a fixed rate, or closed loop with N in flight.
import { postToApp } from '../src/sandbox/sign.ts';

/** One request as the load sent it; `sentAt` is on the same clock as the fake Slack's `at` (see `now`). */
export interface Sample {
  sentAt: number;
  ackMs: number;
  ok: boolean;
  /** The ack's body carried a message: the answer the user sees (a read-only command answered in the ack). */
  ackAnswered: boolean;
  /** What matches this request to its reply at the fake (response_url, trigger_id, item number…). */
  tag: Tag;
}

export interface Tag {
  responseUrl?: string;
  triggerId?: string;
  itemId?: number;
}

export interface Request {
  body: string;
  tag: Tag;
}

/** `rate`: requests per second sent whatever the answers (open loop); `inFlight`: closed loop. */
export type Load = { rate: number } | { inFlight: number };

export interface LoadResult {
  samples: Sample[];
  startedAt: number;
  /** From the first send to the last answer (open loop) or to the end of the window (closed loop). */
  wallMs: number;
}

/** Epoch milliseconds with sub-millisecond precision; the fake Slack is started with the same clock. */
export const now = (): number => performance.timeOrigin + performance.now();

const ANSWER_TIMEOUT_MS = 10_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function sendOne(url: string, secret: string, make: () => Promise<Request>): Promise<Sample> {
  const request = await make();
  const sentAt = now();
  // Signed at send time, as Slack does, so both targets pay the same client cost.
  const failed = { ok: false, ackAnswered: false };
  const answer = await Promise.race([
    postToApp(url, secret, request.body).then((r) => ({
      ok: r.status === 200,
      ackAnswered: r.status === 200 && carriesMessage(r.json),
    })),
    sleep(ANSWER_TIMEOUT_MS).then(() => failed),
  ]).catch(() => failed);
  return { sentAt, ackMs: now() - sentAt, ...answer, tag: request.tag };
}

function carriesMessage(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const { text, blocks } = body as { text?: unknown; blocks?: unknown };
  return (typeof text === 'string' && text !== '') || (Array.isArray(blocks) && blocks.length > 0);
}

export async function runLoad(
  url: string,
  secret: string,
  load: Load,
  durationMs: number,
  next: () => Promise<Request>,
): Promise<LoadResult> {
  const started = now();
  const pending: Promise<Sample>[] = [];
  if ('rate' in load) {
    // Sends are due at fixed instants; a late timer sends every overdue one at once rather than slipping the
    // schedule, so a slow target never slows the offered rate (no coordinated omission).
    const total = Math.round((load.rate * durationMs) / 1000);
    for (let i = 0; i < total; ) {
      const due = started + (i * 1000) / load.rate;
      if (now() < due) await sleep(due - now());
      while (i < total && started + (i * 1000) / load.rate <= now()) {
        pending.push(sendOne(url, secret, next));
        i++;
      }
    }
    const samples = await Promise.all(pending);
    return {
      samples,
      startedAt: started,
      wallMs: Math.max(durationMs, ...samples.map((s) => s.sentAt + s.ackMs - started)),
    };
  }
  const samples: Sample[] = [];
  const worker = async () => {
    while (now() - started < durationMs) samples.push(await sendOne(url, secret, next));
  };
  await Promise.all(Array.from({ length: load.inFlight }, worker));
  // Only answers inside the window count towards throughput; latency keeps every sample.
  return { samples, startedAt: started, wallMs: durationMs };
}

export const loadName = (load: Load): string =>
  'rate' in load ? `${load.rate}/s` : `${load.inFlight} in flight`;
