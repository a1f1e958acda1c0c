// A load generator in its own process: sends signed button clicks to the app's web processes with a bounded
// number in flight, so the fake Slack in the test process measures the app, not its own busy event loop.
// Input (stdin, JSON): { events, inFlight, clicks, paceMs?, ratePerSecond? } — inFlight lanes, each waiting paceMs
// between its clicks; or, with ratePerSecond, every click at its own instant (open loop, inFlight unused).
// Output (stdout): ClickLoadResult.

import { postToApp } from '../../src/sandbox/sign.ts';
import { type BlockAction, blockActionBody, SIGNING_SECRET } from './driver.ts';

export interface ClickLoadResult {
  sent: number;
  failed: number;
  inFlightMax: number;
  startedAt: number;
  lastAckAt: number;
  slowestAckMs: number;
  /** Answered after Slack's 3 s: Slack would have shown the person an error and sent the click again. */
  acksOver3s: number;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const input = JSON.parse(await readStdin()) as {
  events: string[];
  inFlight: number;
  clicks: BlockAction[];
  paceMs?: number;
  ratePerSecond?: number;
};
let next = 0;
let inFlight = 0;
const result: ClickLoadResult = {
  sent: 0,
  failed: 0,
  inFlightMax: 0,
  startedAt: Date.now(),
  lastAckAt: 0,
  slowestAckMs: 0,
  acksOver3s: 0,
};

async function send(events: string, click: BlockAction): Promise<void> {
  inFlight++;
  result.inFlightMax = Math.max(result.inFlightMax, inFlight);
  const sentAt = Date.now();
  // A refused connection is a failed click like a 500, counted rather than ending the load.
  const status = await postToApp(events, SIGNING_SECRET, blockActionBody(click)).then(
    (response) => response.status,
    () => 0,
  );
  inFlight--;
  result.sent++;
  if (status !== 200) result.failed++;
  result.lastAckAt = Date.now();
  result.slowestAckMs = Math.max(result.slowestAckMs, result.lastAckAt - sentAt);
  if (result.lastAckAt - sentAt > 3000) result.acksOver3s++;
}

const rate = input.ratePerSecond;
if (rate) {
  // Open loop: click n leaves n / rate seconds after the start whether or not earlier ones were answered, as
  // people click without waiting for each other; a slow app then has more in flight, not fewer clicks sent.
  await Promise.all(
    input.clicks.map(async (click, n) => {
      await new Promise((r) => setTimeout(r, result.startedAt + (n * 1000) / rate - Date.now()));
      await send(input.events[n % input.events.length] ?? '', click);
    }),
  );
} else {
  await Promise.all(
    Array.from({ length: input.inFlight }, async (_, lane) => {
      const events = input.events[lane % input.events.length] ?? '';
      for (let click = input.clicks[next++]; click; click = input.clicks[next++]) {
        await send(events, click);
        if (input.paceMs) await new Promise((r) => setTimeout(r, input.paceMs));
      }
    }),
  );
}
process.stdout.write(JSON.stringify(result));
