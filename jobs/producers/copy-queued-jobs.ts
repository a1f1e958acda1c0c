// Moving one queue's jobs to the same queue under BullMQ's new prefix, for the key layout migration
// (src/migrate-keys.ts). Like the erasure's queue helpers, deliberately not part of `deps.producers`: only the
// operator script builds it, with every app process stopped.
import type { Job, JobsOptions, Queue } from 'bullmq';
import { parseDigestSchedulerId, slotFromJob } from '../../src/domain/schedule.ts';

/** What BullMQ keeps of an old queue only in Redis (src/store/layout-migration.ts reads it). */
export interface OldQueueReads {
  /** Due times (ms) of the queue's delayed jobs, by id. */
  dueTimes(queue: string, ids: readonly string[]): Promise<Map<string, number>>;
  /** The ids whose lock is still held. */
  heldLocks(queue: string, ids: readonly string[]): Promise<string[]>;
}

export interface QueueCopy {
  /** Jobs added to the new queue (in a dry run: to be added), the two kinds below included. */
  copied: number;
  /** Digest runs whose slot has come (due, or postponed after it): posted late or reported missed, once. */
  digestRuns: number;
  /** Jobs a stopped process left running: queued again, as BullMQ's stalled check would have done. */
  wasRunning: number;
  /** Scheduler runs left out: digest runs for later slots and the upkeep sweeps, which workers re-create. */
  schedulerRuns: number;
}

/** One queue of the old layout and its namesake in the new one. */
export interface QueueMove {
  queue: string;
  /** Running jobs whose worker still holds the lock: its process may still be running. */
  lockedJobs(): Promise<string[]>;
  /** Copies the jobs still to run, oldest first; `now` tells a digest run whose slot has come from a later one. */
  copy(options: { dryRun: boolean; now: number }): Promise<QueueCopy>;
}

const PAGE = 500;
/** Running jobs first: they were taken before anything still queued. */
const STATES = ['active', 'waiting', 'prioritized', 'delayed'] as const;

const SCHEDULER_RUN_ID = /^repeat:(.+):\d+$/;

/** The job scheduler `job` is a run of, or null for a job added on its own. */
function schedulerOf(job: Job): string | null {
  return job.repeatJobKey ?? SCHEDULER_RUN_ID.exec(job.id ?? '')?.[1] ?? null;
}

/**
 * A digest run whose slot has come stands for a week still to be posted late or reported missed (SPEC §2.4); the
 * re-created scheduler only makes runs for slots after its upsert, so without the copy the week would vanish.
 * It is copied as a plain job under its own id, `repeat:digest-<team>-<channel>:<slot>`: the digest processor reads
 * the slot from it (slotFromJob), and the week's digest record keeps it exactly-once. BullMQ 6.7 refuses a custom
 * id with a colon unless it has exactly two, as this one does (a digest scheduler id has none). Any other
 * scheduler run is left out: a digest run for a later slot is made again by its scheduler, and the upkeep sweeps
 * (card sweep, snapshots, reminders) run at once when workers re-create them and catch up on whatever is due.
 */
function isDueDigestRun(job: Job, scheduler: string, now: number): boolean {
  const slot = slotFromJob(job);
  return parseDigestSchedulerId(scheduler) !== null && slot !== null && slot <= now;
}

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
 * `from`'s jobs still to run go to `to` with the same id, name, data and options. Adding an id the new queue
 * already has changes nothing, so a run cut short can be repeated. A running job goes back to the queue: its
 * process stopped (the migration refuses while a lock is held), so BullMQ's stalled check would have queued it
 * again; card refreshes, exports and digests are made idempotent by their claims and records, not by running once.
 */
export function createQueueMove(from: Queue, to: Queue, old: OldQueueReads): QueueMove {
  return {
    queue: from.name,

    async lockedJobs() {
      const ids = (await from.getActive()).flatMap((job) => (job.id === undefined ? [] : [job.id]));
      return old.heldLocks(from.name, ids);
    },

    async copy({ dryRun, now }) {
      const copy: QueueCopy = { copied: 0, digestRuns: 0, wasRunning: 0, schedulerRuns: 0 };
      for (const state of STATES) {
        // The old queue does not change while it runs (every process is stopped), so the pages stay put.
        const total = await from.getJobCountByTypes(state);
        for (let start = 0; start < total; start += PAGE) {
          const chosen: { job: Job; id: string }[] = [];
          for (const job of await from.getJobs([state], start, start + PAGE - 1, true)) {
            if (job.id === undefined) continue;
            const scheduler = schedulerOf(job);
            if (scheduler !== null) {
              if (!isDueDigestRun(job, scheduler, now)) {
                copy.schedulerRuns++;
                continue;
              }
              copy.digestRuns++;
            }
            if (state === 'active') copy.wasRunning++;
            chosen.push({ job, id: job.id });
          }
          const due =
            state === 'delayed'
              ? await old.dueTimes(
                  from.name,
                  chosen.map(({ id }) => id),
                )
              : new Map<string, number>();
          const bulk = chosen.map(({ job, id }) => ({
            name: job.name,
            data: job.data,
            opts: copiedOptions(job, id, due.get(id) ?? null),
          }));
          if (!dryRun && bulk.length > 0) await to.addBulk(bulk);
          copy.copied += bulk.length;
        }
      }
      return copy;
    },
  };
}
