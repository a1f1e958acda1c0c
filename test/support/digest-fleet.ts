// Many channels whose digests fall due at the same moment (everyone picks Monday 09:00), drained by real
// worker processes against a fake Slack that enforces Slack's posting limits.

import type { Runtime } from '../../src/deps.ts';
import { isoWeekKey } from '../../src/domain/schedule.ts';
import type { FakeSlack } from '../../src/sandbox/fake-slack.ts';
import { checkKeyLayout } from '../../src/store/layout.ts';
import { type RedisEnv, startCluster } from './cluster.ts';
import { configureChannel, digestPosts, enqueueDigestSlot } from './digest-jobs.ts';
import { SIGNING_SECRET, TEAM } from './driver.ts';

export interface FleetResult {
  channels: number;
  workers: number;
  drainMs: number;
  postsPerChannel: { min: number; max: number };
  /** Digests posted beyond the first in a channel, summed over channels. */
  duplicates: number;
  /** Channels with no digest when the wait ended. */
  missing: number;
  /** Channels whose digest carries the trend chart (a digest goes without it when the upload is not ready in time). */
  withChart: number;
  rateLimited: number;
  recordedPosted: number;
}

export async function drainDigestFleet(
  fake: FakeSlack,
  deps: Runtime,
  options: {
    prefix: string;
    channels: number;
    workers: number;
    itemsPerChannel?: number;
    /** The worker processes' Redis target (default: this process's environment's). */
    redisEnv?: RedisEnv;
    /** How long to wait for every channel's digest; channels still without one then count as missing. */
    timeoutMs?: number;
  },
): Promise<FleetResult> {
  const channelIds = Array.from(
    { length: options.channels },
    (_, i) => `C0FLEET${String(i).padStart(4, '0')}`,
  );
  // Seeding plays the process that starts first on a new installation: it marks the key layout, as every process
  // does before it serves, or the workers would take the configured channels for data in the old layout.
  await checkKeyLayout(deps.redis, options.prefix);
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
      // As if its card had gone out: otherwise the workers' card sweep would post it during a long drain,
      // spending the workspace's chat.postMessage allowance that the digests are measured against.
      await deps.items.markPublished(TEAM, item.id);
    }
  }
  const cluster = await startCluster(fake, {
    prefix: options.prefix,
    signingSecret: SIGNING_SECRET,
    webs: 0,
    workers: options.workers,
    ...(options.redisEnv ? { redisEnv: options.redisEnv } : {}),
  });
  try {
    const slot = Date.now() - 1000;
    const started = Date.now();
    await Promise.all(channelIds.map((c) => enqueueDigestSlot(deps.digestQueue, TEAM, c, slot)));
    // A timeout is a result too: the channels left without a digest are counted as missing below.
    await fake
      .waitFor(
        () => channelIds.every((c) => digestPosts(fake.messages(c)).length >= 1),
        options.timeoutMs ?? 15 * 60_000,
      )
      .catch(() => undefined);
    const drainMs = Date.now() - started;
    await new Promise((r) => setTimeout(r, 1500));
    const posts = channelIds.map((c) => digestPosts(fake.messages(c)));
    const counts = posts.map((p) => p.length);
    const week = isoWeekKey(slot, 'Europe/Berlin');
    const records = await Promise.all(channelIds.map((c) => deps.digests.record(TEAM, c, week)));
    return {
      channels: options.channels,
      workers: options.workers,
      drainMs,
      postsPerChannel: { min: Math.min(...counts), max: Math.max(...counts) },
      duplicates: counts.reduce((sum, n) => sum + Math.max(0, n - 1), 0),
      missing: counts.filter((n) => n === 0).length,
      withChart: posts.filter((p) => p.some((m) => JSON.stringify(m.blocks ?? []).includes('"slack_file"')))
        .length,
      rateLimited: fake.rateLimiter?.limited.get('chat.postMessage') ?? 0,
      recordedPosted: records.filter((r) => r?.state === 'posted').length,
    };
  } finally {
    await cluster.stop();
  }
}
