// An installation in key layout 1, as the release before the tagged layout left it: workspace keys `<p>:t:<team>:…`
// and BullMQ under `<p>:bull`. Written through today's stores, then each workspace key renamed back to its untagged
// name: the two layouts differ by the tag only (decision 0025).
import { Queue } from 'bullmq';
import { JOB_NAMES, QUEUE_NAMES } from '../../jobs/contracts.ts';
import { loadConfig } from '../../src/config.ts';
import { createDeps } from '../../src/deps.ts';
import { digestSchedulerId } from '../../src/domain/schedule.ts';
import { DEFAULT_CHANNEL_SETTINGS } from '../../src/domain/settings.ts';
import { createLogger } from '../../src/lib/logger.ts';
import { type RedisClient, scanEach } from '../../src/store/client.ts';
import { globEscape } from '../../src/store/keys.ts';
import { TEST_REDIS_URL } from './redis.ts';

export const OLD_TEAM = 'T0OLD';
export const OLD_CHANNEL = 'C0OLD';
export const ITEM_TITLE = 'Eval set leaks into training';
const HOUR = 3_600_000;

/** The app's environment for one prefix, on the single test Redis. */
export function appEnv(prefix: string): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: 'xoxb-migrate-test',
    SLACK_SIGNING_SECRET: 'migrate-test',
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: prefix,
    LOG_LEVEL: 'error',
  };
}

/** Ids of the queued jobs the fixture leaves in the old queues (scheduler runs aside). */
export const OLD_JOBS = {
  cards: { waiting: `card-${OLD_TEAM}-1-9`, prioritized: `export-${OLD_TEAM}-U0ALICE-r1` },
  digests: { delayed: `retry-digest-${OLD_TEAM}-${OLD_CHANNEL}` },
};

/** Items, votes, pain, history, settings, a digest record and TTL keys, through the stores (layout 2 names). */
async function writeThroughStores(prefix: string): Promise<void> {
  const deps = createDeps(loadConfig(appEnv(prefix)), { logger: createLogger('error') });
  try {
    await deps.ready();
    const { item } = await deps.items.file({
      teamId: OLD_TEAM,
      channelId: OLD_CHANNEL,
      reporterId: 'U0ALICE',
      draft: {
        title: ITEM_TITLE,
        description: 'Found by the nightly audit.',
        category: 'data',
        component: 'eval',
        links: [],
        ownerId: null,
      },
      submissionKey: 'V0OLDFILING',
      estimates: { severity: 4 },
    });
    await deps.votes.set(OLD_TEAM, item.id, 'U0BOB', { frequency: 3 });
    await deps.pain.add(OLD_TEAM, item.id, { userId: 'U0BOB', hours: 3, at: new Date().toISOString() });
    await deps.settings.save(OLD_TEAM, OLD_CHANNEL, {
      ...DEFAULT_CHANNEL_SETTINGS,
      digestEnabled: true,
      timezone: 'Europe/Berlin',
    });
    await deps.digests.reserve(OLD_TEAM, OLD_CHANNEL, '2026-W10', new Date().toISOString());
    await deps.adminCache.set(OLD_TEAM, 'U0ALICE', true, 3600);
  } finally {
    await deps.close();
  }
}

/** Queued jobs as layout 1 workers left them: waiting, prioritized, postponed, and two schedulers' runs. */
async function queueOldJobs(redis: RedisClient, prefix: string): Promise<void> {
  const old = (name: string) => new Queue(name, { connection: redis, prefix: `${prefix}:bull` });
  const cards = old(QUEUE_NAMES.cards);
  const digests = old(QUEUE_NAMES.digests);
  try {
    await cards.add(
      JOB_NAMES.cardRefresh,
      { v: 1, teamId: OLD_TEAM, itemId: 1, target: 'card' },
      {
        jobId: OLD_JOBS.cards.waiting,
        attempts: 6,
        backoff: { type: 'exponential', delay: 1000 },
        removeOnComplete: true,
        removeOnFail: 1000,
      },
    );
    await cards.add(
      JOB_NAMES.exportItems,
      { v: 1, teamId: OLD_TEAM, userId: 'U0ALICE', channelId: OLD_CHANNEL, scope: 'channel' },
      { jobId: OLD_JOBS.cards.prioritized, priority: 3 },
    );
    // Postponed after it was queued: due two hours from now, not at its timestamp plus its first delay.
    const postponed = await digests.add(
      JOB_NAMES.digest,
      { v: 1, teamId: OLD_TEAM, channelId: OLD_CHANNEL },
      { jobId: OLD_JOBS.digests.delayed, delay: HOUR, timestamp: Date.now() - 10 * 60_000 },
    );
    await postponed.changeDelay(2 * HOUR);
    await cards.upsertJobScheduler(
      'card-sweep',
      { every: 60_000 },
      { name: JOB_NAMES.cardSweep, data: { v: 1 } },
    );
    await digests.upsertJobScheduler(
      digestSchedulerId(OLD_TEAM, OLD_CHANNEL),
      { every: 7 * 24 * HOUR },
      { name: JOB_NAMES.digest, data: { v: 1, teamId: OLD_TEAM, channelId: OLD_CHANNEL } },
    );
  } finally {
    await Promise.all([cards.close(), digests.close()]);
  }
}

/** `<p>:t:{<team>}:rest` → `<p>:t:<team>:rest`. */
function untagged(prefix: string, key: string): string {
  const head = `${prefix}:t:`;
  return head + key.slice(head.length).replace(/^\{([^}]*)\}/, '$1');
}

export async function writeOldLayout(redis: RedisClient, prefix: string): Promise<void> {
  await writeThroughStores(prefix);
  // The pattern matches tagged names only, so a renamed key is never visited again.
  await scanEach(redis, `${globEscape(prefix)}:t:{*`, 500, async (page) => {
    for (const key of page) await redis.rename(key, untagged(prefix, key));
  });
  await queueOldJobs(redis, prefix);
}
