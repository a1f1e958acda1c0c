// Moving one queue's queued jobs to the same queue under BullMQ's new prefix, for the key layout migration
// (src/migrate-keys.ts). Like the erasure's queue helpers, deliberately not part of `deps.producers`: only the
// operator script builds it, with every app process stopped.
import type { Job, JobsOptions, Queue } from 'bullmq';
import type { RedisClient } from '../../src/store/client.ts';

export interface QueueCopy {
  /** Waiting, prioritized and delayed jobs added to the new queue (in a dry run: to be added). */
  copied: number;
  /** Runs of job schedulers, left out: each worker re-creates its schedulers, and their next runs, at start. */
  schedulerRuns: number;
  /** Jobs a process was running when it stopped: not queued any more, so not copied. */
  running: number;
}

const PAGE = 500;
const QUEUED = ['waiting', 'prioritized', 'delayed'] as const;

/** BullMQ's delayed set scores a job by its due time in ms times 4096, plus a counter keeping the order. */
const DELAYED_SCORE_SHIFT = 0x1000;

const isSchedulerRun = (job: Job) => job.repeatJobKey !== undefined || (job.id ?? '').startsWith('repeat:');

/**
 * The options that describe the job itself (retries, retention, priority), not its place in the old queue: no
 * scheduler's repeat options, no parent, no telemetry. The original timestamp stays, and a delayed job keeps its
 * due time. Attempts already made are not carried over: a retried job gets its full attempts again.
 */
function copiedOptions(job: Job, id: string, dueAt: number | null): JobsOptions {
  const { attempts, backoff, lifo, removeOnComplete, removeOnFail, keepLogs, stackTraceLimit, sizeLimit } =
    job.opts;
  return {
    attempts,
    backoff,
    lifo,
    removeOnComplete,
    removeOnFail,
    keepLogs,
    stackTraceLimit,
    sizeLimit,
    priority: job.opts.priority,
    deduplication: job.opts.deduplication,
    jobId: id,
    timestamp: job.timestamp,
    // Due at timestamp + delay, as BullMQ counts it. Overdue jobs run as soon as a worker starts.
    delay: dueAt === null ? 0 : Math.max(0, dueAt - job.timestamp),
  };
}

/**
 * Copies `from`'s queued jobs to `to` with the same id, name, data and options, oldest first. Adding an id the
 * new queue already has changes nothing, so a run cut short can be repeated. `redis` reads the due times of
 * delayed jobs: BullMQ keeps them only as the score (a postponed job's `delay` counts from when it was
 * postponed, not from its timestamp).
 */
export async function copyQueuedJobs(
  from: Queue,
  to: Queue,
  redis: RedisClient,
  { dryRun }: { dryRun: boolean },
): Promise<QueueCopy> {
  const copy: QueueCopy = { copied: 0, schedulerRuns: 0, running: await from.getActiveCount() };
  for (const state of QUEUED) {
    // The old queue does not change while it runs (every process is stopped), so the pages stay put.
    const total = await from.getJobCountByTypes(state);
    for (let start = 0; start < total; start += PAGE) {
      const jobs = await from.getJobs([state], start, start + PAGE - 1, true);
      const bulk: { name: string; data: unknown; opts: JobsOptions }[] = [];
      for (const job of jobs) {
        if (job.id === undefined) continue;
        if (isSchedulerRun(job)) {
          copy.schedulerRuns++;
          continue;
        }
        const score = state === 'delayed' ? await redis.zscore(from.toKey('delayed'), job.id) : null;
        const dueAt = score === null ? null : Math.floor(Number(score) / DELAYED_SCORE_SHIFT);
        bulk.push({ name: job.name, data: job.data, opts: copiedOptions(job, job.id, dueAt) });
      }
      if (!dryRun && bulk.length > 0) await to.addBulk(bulk);
      copy.copied += bulk.length;
    }
  }
  return copy;
}
