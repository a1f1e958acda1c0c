// An installation in key layout 1, as the release before the tagged layout left it when its processes stopped:
// workspace keys `<p>:t:<team>:…` and BullMQ under `<p>:bull`, with jobs queued, postponed, left running by a crash,
// and digest runs that came due while the workers were down or were parked when Slack refused the token. Written
// through today's stores and producers, then each workspace key renamed back to its untagged name: the two layouts
// differ by the tag only (decision 0025).
import { randomUUID } from 'node:crypto';
import { type Job, Queue, Worker } from 'bullmq';
import { DateTime } from 'luxon';
import { vi } from 'vitest';
import { JOB_NAMES, QUEUE_NAMES } from '../../jobs/contracts.ts';
import { AUTH_RETRY_MS } from '../../jobs/digest-failures.ts';
import { syncDigestSchedule } from '../../jobs/producers/digest-schedule.ts';
import { loadConfig } from '../../src/config.ts';
import { createDeps } from '../../src/deps.ts';
import { type DigestSchedule, digestSchedulerId, nextRun } from '../../src/domain/schedule.ts';
import { type ChannelSettings, DEFAULT_CHANNEL_SETTINGS } from '../../src/domain/settings.ts';
import { createLogger } from '../../src/lib/logger.ts';
import { type RedisClient, scanEach } from '../../src/store/client.ts';
import { globEscape } from '../../src/store/keys.ts';
import { TEST_REDIS_URL } from './redis.ts';

export const OLD_TEAM = 'T0OLD';
export const OLD_CHANNEL = 'C0OLD';
/** A second channel, whose digest run was parked when Slack refused the token (jobs/digest-failures.ts). */
export const PARKED_CHANNEL = 'C0PARK';
export const ITEM_TITLE = 'Eval set leaks into training';
export const OLD_ZONE = 'Europe/Berlin';
const HOUR = 3_600_000;
const MINUTE = 60_000;

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

/** Ids of the jobs the fixture leaves in the old queues (scheduler runs aside). */
export const OLD_JOBS = {
  cards: {
    waiting: `card-${OLD_TEAM}-1-9`,
    prioritized: `export-${OLD_TEAM}-U0ALICE-r1`,
    /** Active: its process crashed while running it, and its lock has expired since. */
    crashed: `card-${OLD_TEAM}-1-7`,
  },
  digests: { delayed: `retry-digest-${OLD_TEAM}-${OLD_CHANNEL}` },
};

/** The id BullMQ gives a channel's digest run for one slot. */
export const digestRunId = (channelId: string, slot: number) =>
  `repeat:${digestSchedulerId(OLD_TEAM, channelId)}:${slot}`;

export interface OldLayoutFixture {
  /** The slot of both channels' digest runs: about an hour ago, so under 24 h late and this week's latest. */
  digestSlot: number;
}

/** Both channels' digest schedule: weekly at the minute an hour ago. */
function recentSchedule(): DigestSchedule {
  const at = DateTime.now().setZone(OLD_ZONE).minus({ hours: 1 });
  return { weekday: at.weekday, time: at.toFormat('HH:mm'), timezone: OLD_ZONE };
}

const digestSettings = (schedule: DigestSchedule): ChannelSettings => ({
  ...DEFAULT_CHANNEL_SETTINGS,
  digestEnabled: true,
  weekday: schedule.weekday,
  time: schedule.time,
  timezone: schedule.timezone,
});

/** Items, votes, pain, history, settings, a digest record and TTL keys, through the stores (layout 2 names). */
async function writeThroughStores(prefix: string, schedule: DigestSchedule): Promise<void> {
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
    for (const channelId of [OLD_CHANNEL, PARKED_CHANNEL])
      await deps.settings.save(OLD_TEAM, channelId, digestSettings(schedule));
    await deps.digests.reserve(OLD_TEAM, OLD_CHANNEL, '2026-W10', new Date().toISOString());
    await deps.adminCache.set(OLD_TEAM, 'U0ALICE', true, 3600);
  } finally {
    await deps.close();
  }
}

/**
 * Runs `act` on the next job of an old queue, taken as a worker takes it (active, locked for `lockDuration`), then
 * lets the worker go without finishing the job, as a process does when it dies.
 */
export async function takeNextJob(
  prefix: string,
  queue: string,
  lockDuration: number,
  act: (job: Job, token: string) => Promise<void> = async () => undefined,
): Promise<void> {
  const { hostname, port } = new URL(TEST_REDIS_URL);
  const worker = new Worker(queue, undefined, {
    connection: { host: hostname, port: Number(port || 6379) },
    prefix: `${prefix}:bull`,
    autorun: false,
    lockDuration,
  });
  try {
    const token = randomUUID();
    const job = await worker.getNextJob(token, { block: false });
    if (!job) throw new Error(`no job to take in ${queue}`);
    await act(job, token);
  } finally {
    await worker.close();
  }
}

/**
 * A channel's digest scheduler as the app's producer upserted it half an hour before `slot`, so that its run is
 * the one for `slot`, due since then: BullMQ dates a run by the clock when it is made, so only a clock set back
 * makes a run that came due while no worker was there to take it.
 */
async function scheduledBefore(digests: Queue, channelId: string, schedule: DigestSchedule, slot: number) {
  vi.useFakeTimers({ toFake: ['Date'], now: slot - 30 * MINUTE });
  try {
    await syncDigestSchedule(digests, OLD_TEAM, channelId, digestSettings(schedule), OLD_ZONE);
  } finally {
    vi.useRealTimers();
  }
}

/**
 * Jobs as layout 1 workers left them: waiting, prioritized, postponed, a card refresh a crash left running, the card
 * sweep's run, and two digest runs whose slot has passed: one due while workers were down, one parked.
 */
async function queueOldJobs(
  redis: RedisClient,
  prefix: string,
  schedule: DigestSchedule,
  slot: number,
): Promise<void> {
  const old = (name: string) => new Queue(name, { connection: redis, prefix: `${prefix}:bull` });
  const cards = old(QUEUE_NAMES.cards);
  const digests = old(QUEUE_NAMES.digests);
  try {
    await cards.add(
      JOB_NAMES.cardRefresh,
      { v: 1, teamId: OLD_TEAM, itemId: 1, target: 'panel' },
      { jobId: OLD_JOBS.cards.crashed, attempts: 6, removeOnComplete: true },
    );
    // Taken with a short lock, which runs out: what the stalled check of a restarted worker would have requeued.
    await takeNextJob(prefix, QUEUE_NAMES.cards, 100);
    await new Promise((resolve) => setTimeout(resolve, 250));
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
      { jobId: OLD_JOBS.digests.delayed, delay: HOUR, timestamp: Date.now() - 10 * MINUTE },
    );
    await postponed.changeDelay(2 * HOUR);
    await cards.upsertJobScheduler(
      'card-sweep',
      { every: 60_000 },
      { name: JOB_NAMES.cardSweep, data: { v: 1 } },
    );
    // Parked as jobs/digest-failures.ts parks a digest when Slack refuses the token. Taking it made its scheduler
    // queue the run for next week's slot: not due, so left to the re-created scheduler.
    await scheduledBefore(digests, PARKED_CHANNEL, schedule, slot);
    await takeNextJob(prefix, QUEUE_NAMES.digests, 30_000, async (job, token) => {
      if (job.id !== digestRunId(PARKED_CHANNEL, slot)) throw new Error(`took ${job.id}, not the parked run`);
      await job.moveToDelayed(Date.now() + AUTH_RETRY_MS, token);
    });
    await scheduledBefore(digests, OLD_CHANNEL, schedule, slot);
  } finally {
    await Promise.all([cards.close(), digests.close()]);
  }
}

/** `<p>:t:{<team>}:rest` → `<p>:t:<team>:rest`. */
function untagged(prefix: string, key: string): string {
  const head = `${prefix}:t:`;
  return head + key.slice(head.length).replace(/^\{([^}]*)\}/, '$1');
}

export async function writeOldLayout(redis: RedisClient, prefix: string): Promise<OldLayoutFixture> {
  const schedule = recentSchedule();
  const digestSlot = nextRun(schedule, Date.now() - HOUR - 30 * MINUTE);
  await writeThroughStores(prefix, schedule);
  // The pattern matches tagged names only, so a renamed key is never visited again.
  await scanEach(redis, `${globEscape(prefix)}:t:{*`, 500, async (page) => {
    for (const key of page) await redis.rename(key, untagged(prefix, key));
  });
  await queueOldJobs(redis, prefix, schedule, digestSlot);
  return { digestSlot };
}
