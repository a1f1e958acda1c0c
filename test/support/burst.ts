// A vote burst against several app processes: many distinct voters at once, with a bounded number in flight.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FakeCall, FakeSlack } from '../../src/sandbox/fake-slack.ts';
import type { ClickLoadResult } from './click-load.ts';
import { type BlockAction, createDriver, type Driver } from './driver.ts';

export interface BurstResult {
  voters: number;
  inFlightMax: number;
  failedRequests: number;
  slowestAckMs: number;
  /** Acks later than Slack's 3 s. */
  acksOver3s: number;
  /** From the first click sent to the last ack received. */
  burstMs: number;
  /** From the last ack to the final panel update showing every voter. */
  settleMs: number;
  updatesPerMessage: { card: number; panel: number };
  /** Smallest gap between two chat.update calls of the same message. */
  minGapMs: { card: number; panel: number };
}

function minGap(calls: FakeCall[]): number {
  const times = calls.map((c) => c.at).sort((a, b) => a - b);
  let gap = Number.POSITIVE_INFINITY;
  for (let i = 1; i < times.length; i++) gap = Math.min(gap, (times[i] ?? 0) - (times[i - 1] ?? 0));
  return gap;
}

/** Runs test/support/click-load.ts in a child process and returns its summary. */
function runClickLoad(input: {
  events: string[];
  inFlight: number;
  clicks: BlockAction[];
  paceMs: number;
  ratePerSecond?: number;
}): Promise<ClickLoadResult> {
  const script = fileURLToPath(new URL('./click-load.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
  });
  child.stdin.end(JSON.stringify(input));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out) as ClickLoadResult)
        : reject(new Error(`click load exited ${code}`)),
    );
  });
}

export async function runVoteBurst(
  fake: FakeSlack,
  events: readonly string[],
  /** `inFlight` lanes pausing `paceMs` after each ack; or, with `ratePerSecond`, clicks sent open loop at that rate. */
  options: { voters: number; inFlight: number; paceMs?: number; ratePerSecond?: number; channelId?: string },
): Promise<BurstResult & { itemId: number; cardTs: string; panelTs: string }> {
  const first: Driver | undefined = events[0] ? createDriver(fake, events[0]) : undefined;
  if (!first) throw new Error('no web process');
  const channelId = options.channelId ?? 'C0BURST';
  const itemId = await first.file({ title: 'Burst: flaky feature backfill', channelId, frequency: '4' });
  const card = fake
    .callsTo('chat.postMessage')
    .find((c) => !c.args.thread_ts && String(c.args.text).startsWith(`DEBT-${itemId}:`));
  const cardTs = fake.messages(channelId).find((m) => m.text === card?.args.text)?.ts ?? '';
  const panelTs = fake.messages(channelId).find((m) => m.thread_ts === cardTs && m.ts !== cardTs)?.ts ?? '';
  const updatesBefore = fake.callsTo('chat.update').length;

  const clicks = Array.from({ length: options.voters }, (_, n) => ({
    actionId: `debt_vote:severity:${(n % 5) + 1}`,
    value: String(itemId),
    userId: `U0VOTER${String(n).padStart(5, '0')}`,
    channelId,
    blockId: 'debt_vote_severity',
    responseUrl: fake.issueResponseUrl(),
  }));
  const load = await runClickLoad({
    events: [...events],
    inFlight: options.inFlight,
    clicks,
    paceMs: options.paceMs ?? 0,
    ...(options.ratePerSecond ? { ratePerSecond: options.ratePerSecond } : {}),
  });
  const lastAck = load.lastAckAt;
  const voterCount = options.voters + 1; // the reporter voted frequency in the modal
  const final = await fake.waitFor(
    () =>
      fake
        .callsTo('chat.update')
        .slice(updatesBefore)
        .find((c) => c.args.ts === panelTs && JSON.stringify(c.args.blocks).includes(`${voterCount} voters`)),
    30_000,
  );
  // Let any refresh still queued run, so the counts below are the whole story of this burst.
  await new Promise((r) => setTimeout(r, 2500));
  const updates = fake.callsTo('chat.update').slice(updatesBefore);
  const cardUpdates = updates.filter((c) => c.args.ts === cardTs);
  const panelUpdates = updates.filter((c) => c.args.ts === panelTs);
  return {
    itemId,
    cardTs,
    panelTs,
    voters: options.voters,
    inFlightMax: load.inFlightMax,
    failedRequests: load.failed,
    slowestAckMs: load.slowestAckMs,
    acksOver3s: load.acksOver3s,
    burstMs: load.lastAckAt - load.startedAt,
    settleMs: Math.max(0, final.at - lastAck),
    updatesPerMessage: { card: cardUpdates.length, panel: panelUpdates.length },
    minGapMs: { card: minGap(cardUpdates), panel: minGap(panelUpdates) },
  };
}
