// Many channels whose digests fall due at the same moment (everyone picks Monday 09:00), drained by real
// worker processes against a fake Slack that enforces Slack's posting limits.

import type { Runtime } from '../../src/deps.ts';
import { isoWeekKey } from '../../src/domain/schedule.ts';
import type { FakeSlack } from '../../src/sandbox/fake-slack.ts';
import { startCluster } from './cluster.ts';
import { configureChannel, digestPosts, enqueueDigestSlot } from './digest-jobs.ts';
import { SIGNING_SECRET, TEAM } from './driver.ts';

export interface FleetResult {
  channels: number;
  workers: number;
  drainMs: number;
  postsPerChannel: { min: number; max: number };
  rateLimited: number;
  recordedPosted: number;
}

export async function drainDigestFleet(
  fake: FakeSlack,
  deps: Runtime,
  options: { prefix: string; channels: number; workers: number; itemsPerChannel?: number },
): Promise<FleetResult> {
  const channelIds = Array.from(
    { length: options.channels },
    (_, i) => `C0FLEET${String(i).padStart(4, '0')}`,
  );
  for (const [i, channelId] of channelIds.entries()) {
    await configureChannel(deps, TEAM, channelId);
    for (let n = 0; n < (options.itemsPerChannel ?? 3); n++) {
      const { item } = await deps.items.file({
        teamId: TEAM,
        channelId,
        reporterId: 'U0FLEET',
        submissionKey: `fleet-${i}-${n}`,
        draft: {
          title: `Fleet debt ${n} <&>`,
          description: '',
          category: 'pipeline',
          component: '',
          links: [],
          ownerId: null,
        },
      });
      await deps.votes.set(TEAM, item.id, 'U0FLEET', {
        severity: 3,
        frequency: ((n % 5) + 1) as 1 | 2 | 3 | 4 | 5,
      });
    }
  }
  const cluster = await startCluster(fake, {
    prefix: options.prefix,
    signingSecret: SIGNING_SECRET,
    webs: 0,
    workers: options.workers,
  });
  try {
    const slot = Date.now() - 1000;
    const started = Date.now();
    await Promise.all(channelIds.map((c) => enqueueDigestSlot(deps.digestQueue, TEAM, c, slot)));
    await fake.waitFor(() => channelIds.every((c) => digestPosts(fake.messages(c)).length >= 1), 15 * 60_000);
    const drainMs = Date.now() - started;
    await new Promise((r) => setTimeout(r, 1500));
    const counts = channelIds.map((c) => digestPosts(fake.messages(c)).length);
    const week = isoWeekKey(slot, 'Europe/Berlin');
    const records = await Promise.all(channelIds.map((c) => deps.digests.record(TEAM, c, week)));
    return {
      channels: options.channels,
      workers: options.workers,
      drainMs,
      postsPerChannel: { min: Math.min(...counts), max: Math.max(...counts) },
      rateLimited: fake.rateLimiter?.limited.get('chat.postMessage') ?? 0,
      recordedPosted: records.filter((r) => r?.state === 'posted').length,
    };
  } finally {
    await cluster.stop();
  }
}
