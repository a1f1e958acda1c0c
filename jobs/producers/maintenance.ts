// Queueing the workers' own upkeep: the one-off panel backfill, the every-minute card sweep, the hourly
// weekly-snapshot sweep, the hourly vote-reminder run.
import type { Queue } from 'bullmq';
import {
  BACKFILL_PANELS_JOB_ID,
  CARD_SWEEP_SCHEDULER_ID,
  JOB_NAMES,
  SNAPSHOT_SWEEP_SCHEDULER_ID,
  VOTE_REMINDERS_SCHEDULER_ID,
} from '../contracts.ts';

export const CARD_SWEEP_EVERY_MS = 60_000;
/** Hourly: a snapshot lands within the hour after its moment (Monday 00:00 local, or the digest slot). */
export const SNAPSHOT_SWEEP_EVERY_MS = 60 * 60_000;
/** Hourly: a reminder goes out within the hour after Monday 10:00 in each person's zone. */
export const VOTE_REMINDERS_EVERY_MS = 60 * 60_000;

/** Queued by every worker at start; the fixed job id makes all but the first add a no-op. */
export async function scheduleBackfillPanels(queue: Queue): Promise<void> {
  await queue.add(
    JOB_NAMES.backfillPanels,
    { v: 1 },
    { jobId: BACKFILL_PANELS_JOB_ID, removeOnComplete: false, removeOnFail: true, attempts: 3 },
  );
}

/** Every worker upserts the same scheduler; BullMQ runs it on one of them each minute. */
export async function scheduleCardSweep(queue: Queue): Promise<void> {
  await queue.upsertJobScheduler(
    CARD_SWEEP_SCHEDULER_ID,
    { every: CARD_SWEEP_EVERY_MS },
    { name: JOB_NAMES.cardSweep, data: { v: 1 }, opts: { removeOnComplete: true, removeOnFail: 50 } },
  );
}

/** One install-wide scheduler; each run snapshots every channel whose week's moment has come (src/features/history/take-snapshots.ts). */
export async function scheduleSnapshotSweep(queue: Queue): Promise<void> {
  await queue.upsertJobScheduler(
    SNAPSHOT_SWEEP_SCHEDULER_ID,
    { every: SNAPSHOT_SWEEP_EVERY_MS },
    { name: JOB_NAMES.snapshotSweep, data: { v: 1 }, opts: { removeOnComplete: true, removeOnFail: 50 } },
  );
}

/** One install-wide scheduler; each run DMs the opted-in people whose week's reminder is due (src/features/remind-voters.ts). */
export async function scheduleVoteReminders(queue: Queue): Promise<void> {
  await queue.upsertJobScheduler(
    VOTE_REMINDERS_SCHEDULER_ID,
    { every: VOTE_REMINDERS_EVERY_MS },
    { name: JOB_NAMES.voteReminders, data: { v: 1 }, opts: { removeOnComplete: true, removeOnFail: 50 } },
  );
}
