// A load generator in its own process: sends signed button clicks to the app's web processes with a bounded
// number in flight, so the fake Slack in the test process measures the app, not its own busy event loop.
// Input (stdin, JSON): { events, inFlight, clicks, paceMs? } — each lane waits paceMs between its clicks.
// Output (stdout): ClickLoadResult.

import { postToApp } from '../../src/sandbox/sign.ts';
import { type BlockAction, blockActionBody, SIGNING_SECRET } from './driver.ts';

export interface ClickLoadResult {
  sent: number;
  failed: number;
  inFlightMax: number;
  startedAt: number;
  lastAckAt: number;
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
};
let next = 0;
let inFlight = 0;
const result: ClickLoadResult = { sent: 0, failed: 0, inFlightMax: 0, startedAt: Date.now(), lastAckAt: 0 };
await Promise.all(
  Array.from({ length: input.inFlight }, async (_, lane) => {
    const events = input.events[lane % input.events.length] ?? '';
    for (let click = input.clicks[next++]; click; click = input.clicks[next++]) {
      inFlight++;
      result.inFlightMax = Math.max(result.inFlightMax, inFlight);
      const response = await postToApp(events, SIGNING_SECRET, blockActionBody(click));
      inFlight--;
      result.sent++;
      if (response.status !== 200) result.failed++;
      result.lastAckAt = Date.now();
      if (input.paceMs) await new Promise((r) => setTimeout(r, input.paceMs));
    }
  }),
);
process.stdout.write(JSON.stringify(result));
