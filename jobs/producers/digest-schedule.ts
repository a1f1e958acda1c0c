// One BullMQ job scheduler per channel for its weekly digest (decision 0009): kept in step with the settings.
import type { Queue } from 'bullmq';
import {
  digestSchedulerId,
  parseDigestSchedulerId,
  repeatOptions,
  slotFromJob,
} from '../../src/domain/schedule.ts';
import type { ChannelSettings } from '../../src/domain/settings.ts';
import type { Logger } from '../../src/lib/logger.ts';
import type { SettingsStore } from '../../src/store/settings.ts';
import { type DigestPayload, JOB_NAMES } from '../contracts.ts';

export { digestSchedulerId };

export type SyncOutcome = 'upserted' | 'unchanged' | 'removed' | 'absent';

/** Retries for a digest job: enough to ride out a Slack outage of a few hours, not past the 24 h cut-off. */
const DIGEST_JOB_OPTIONS = {
  attempts: 12,
  backoff: { type: 'exponential', delay: 10_000 },
  removeOnComplete: 200,
  removeOnFail: 1000,
} as const;

/**
 * Makes the channel's scheduler match its settings. It is upserted only when the pattern or zone changed:
 * an upsert replaces the pending run, and a run left pending while workers were down must survive so
 * that it can be posted late or reported as missed.
 */
export async function syncDigestSchedule(
  queue: Queue,
  teamId: string,
  channelId: string,
  settings: ChannelSettings,
  defaultTimezone: string,
): Promise<SyncOutcome> {
  const id = digestSchedulerId(teamId, channelId);
  if (!settings.digestEnabled) return (await queue.removeJobScheduler(id)) ? 'removed' : 'absent';
  const wanted = repeatOptions({ ...settings, timezone: settings.timezone ?? defaultTimezone });
  const current = await queue.getJobScheduler(id);
  if (current && current.pattern === wanted.pattern && current.tz === wanted.tz) return 'unchanged';
  const data: DigestPayload = { v: 1, teamId, channelId };
  await queue.upsertJobScheduler(id, wanted, { name: JOB_NAMES.digest, data, opts: DIGEST_JOB_OPTIONS });
  return 'upserted';
}

/**
 * At worker start: every configured channel's scheduler matches its settings, and schedulers whose channel
 * has no settings any more are removed. Safe to run from many workers at once (upserts are idempotent).
 */
export async function reconcileDigestSchedules(
  queue: Queue,
  settings: SettingsStore,
  defaultTimezone: string,
  logger: Logger,
): Promise<Record<SyncOutcome | 'orphans', number>> {
  const counts = { upserted: 0, unchanged: 0, removed: 0, absent: 0, orphans: 0 };
  for (const { teamId, channelId } of await settings.all()) {
    // Read again right before acting: a save made since the listing wins over the listing.
    const current = await settings.find(teamId, channelId);
    if (current) counts[await syncDigestSchedule(queue, teamId, channelId, current, defaultTimezone)]++;
  }
  for (const scheduler of await queue.getJobSchedulers(0, -1)) {
    const id = scheduler.id ?? scheduler.key;
    const channel = parseDigestSchedulerId(id);
    if (!channel) continue;
    // An orphan is a scheduler whose channel has no settings now (not merely when the listing was made).
    if ((await settings.find(channel.teamId, channel.channelId)) === null) {
      await queue.removeJobScheduler(id);
      counts.orphans++;
    }
  }
  logger.info('digest schedules reconciled', counts);
  return counts;
}

/**
 * Digests parked while Slack refused the token run now rather than at their next try; digests for slots
 * still in the future stay where they are. Returns how many were promoted.
 */
export async function promoteDueDigests(queue: Queue, now: number): Promise<number> {
  const parked = (await queue.getDelayed()).filter((job) => (slotFromJob(job) ?? now + 1) <= now);
  await Promise.all(parked.map((job) => job.promote()));
  return parked.length;
}
