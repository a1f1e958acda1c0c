// Channels whose weekly digests fall due at the same moment, drained by one or two `start:worker` processes against
// the fake Slack enforcing Slack's posting limits as bench/digest-drain.ts does (about one message a second per
// channel, 300 chat.postMessage a minute per workspace): drain time, duplicates, misses, and the drain time over
// the time those limits force (test/support/digest-fleet.ts).

import { UPLOAD_BUDGET } from '../src/deps.ts';
import { FakeSlack } from '../src/sandbox/fake-slack.ts';
import { DIGEST_RATE } from '../src/start-workers.ts';
import { drainDigestFleet } from '../test/support/digest-fleet.ts';
import { TEAM } from '../test/support/driver.ts';
import { deleteByPrefix, testPrefix } from '../test/support/redis.ts';
import { RATE_LIMITS } from './digest-drain.ts';
import { type RedisTarget, targetDeps } from './scale-out-redis.ts';

const ITEMS_PER_CHANNEL = 2;
const WORKERS = [1, 2];

/**
 * The least time Slack's limits allow one post in each of `channels` channels, at the workspace's steady
 * chat.postMessage rate (the per-channel limit lets each channel's one digest go at once). The fake counts a
 * sliding minute, so a client bursting its first minute's allowance could finish up to a minute sooner; the app
 * spreads its posts instead, as Slack asks.
 */
export const slackForcedMs = (channels: number) =>
  (channels / RATE_LIMITS.perMinute['chat.postMessage']) * 60_000;

/**
 * Each digest also uploads its trend chart, and the app keeps uploads within Slack's Tier 4 with a token bucket
 * per workspace (UPLOAD_BUDGET: 20 at once, then 100 a minute). Were every digest to carry its chart, that would
 * force this long. A digest whose chart is not ready within 8 s goes without it, so the drain is not held to
 * this; `withChart` says how many had one.
 */
export const uploadForcedMs = (channels: number) =>
  (Math.max(0, channels - UPLOAD_BUDGET.capacity) / UPLOAD_BUDGET.perSecond) * 1000;

/** The time the app's own digest limiter (src/start-workers.ts), shared by all workers, takes for `channels`. */
export const appLimitMs = (channels: number) => (channels / DIGEST_RATE.max) * DIGEST_RATE.duration;

const r2 = (n: number) => Math.round(n * 100) / 100;

async function oneDrain(target: RedisTarget, workers: number, channels: number) {
  const fake = await FakeSlack.start({ teamId: TEAM, rateLimits: RATE_LIMITS });
  const prefix = testPrefix('bench-scale-drain');
  let deps: Awaited<ReturnType<typeof targetDeps>> | undefined;
  try {
    deps = await targetDeps(target, fake.url, prefix);
    const forced = slackForcedMs(channels);
    const result = await drainDigestFleet(fake, deps, {
      prefix,
      channels,
      workers,
      itemsPerChannel: ITEMS_PER_CHANNEL,
      redisEnv: target.env,
      // Twice what any limit forces, then the channels still waiting count as missed.
      timeoutMs: 2 * Math.max(forced, appLimitMs(channels), uploadForcedMs(channels)) + 60_000,
    });
    return {
      workers,
      drainMs: result.drainMs,
      slackForcedMs: Math.round(forced),
      drainOverSlackForced: r2(result.drainMs / forced),
      drainOverAppLimit: r2(result.drainMs / appLimitMs(channels)),
      duplicates: result.duplicates,
      missing: result.missing,
      withChart: result.withChart,
      uploadForcedMs: Math.round(uploadForcedMs(channels)),
      drainOverUploadForced: r2(result.drainMs / uploadForcedMs(channels)),
      recordedPosted: result.recordedPosted,
      rateLimited: result.rateLimited,
      slackRulesBroken: fake.violations.length,
    };
  } catch (error) {
    return { workers, error: error instanceof Error ? error.message.split('\n')[0] : String(error) };
  } finally {
    await deleteByPrefix(target.client, prefix);
    await deps?.close();
    await fake.close();
  }
}

export async function measureDigestDrain(target: RedisTarget, channels: number) {
  const results = [];
  for (const workers of WORKERS) {
    const result = await oneDrain(target, workers, channels);
    results.push(result);
    process.stderr.write(`scale-out: ${target.name} digests ${JSON.stringify(result)}\n`);
  }
  return {
    channels,
    itemsPerChannel: ITEMS_PER_CHANNEL,
    fakeSlackRateLimits: RATE_LIMITS,
    appDigestRate: DIGEST_RATE,
    results,
  };
}
