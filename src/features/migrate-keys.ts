// Moving one installation's data from key layout 1 to layout 2 (decision 0025, docs/redis-cluster-plan.md,
// "Upgrade path for existing data"): workspace keys renamed in place, the jobs still to run copied to BullMQ's new
// prefix, the old queues deleted, then the marker that lets the app start. Every step is safe to repeat.
import type { QueueCopy, QueueMove } from '../../jobs/producers/copy-queued-jobs.ts';
import type { Clock } from '../lib/clock.ts';
import type { LayoutMigrationStore, RenameReport } from '../store/layout-migration.ts';

export interface MigrationDeps {
  /** On one Redis, not a cluster: a rename across hash slots is impossible there. */
  layout: Pick<LayoutMigrationStore, 'renameTeamKeys' | 'deleteOldQueueKeys' | 'writeMarker'>;
  /** Each layout 1 queue (prefix `<p>:bull`) with the same queue under the new prefix. */
  queues: QueueMove[];
  clock: Clock;
}

export interface MigrationReport {
  dryRun: boolean;
  keys: RenameReport;
  /** Per queue; empty when conflicts stopped the run before the queues. */
  jobs: { queue: string; copy: QueueCopy }[];
  oldQueueKeys: number;
  /** The marker was written (in a dry run: would be). False when conflicts stopped the run. */
  marked: boolean;
}

/** Nothing was done: a worker still holds the lock of each of these jobs, so its process may still run. */
export interface StillRunning {
  stillRunning: { queue: string; id: string }[];
}

export async function migrateKeys(
  deps: MigrationDeps,
  { dryRun }: { dryRun: boolean },
): Promise<MigrationReport | StillRunning> {
  // A running job is copied as queued only once its process is gone. While its lock is held, that process may
  // still finish it and go on writing layout 1 names after the migration: nothing is touched until it stopped.
  const stillRunning: StillRunning['stillRunning'] = [];
  for (const move of deps.queues)
    for (const id of await move.lockedJobs()) stillRunning.push({ queue: move.queue, id });
  if (stillRunning.length > 0) return { stillRunning };

  const keys = await deps.layout.renameTeamKeys({ dryRun });
  const report: MigrationReport = { dryRun, keys, jobs: [], oldQueueKeys: 0, marked: false };
  // Stopped short, so the app keeps refusing to start until the operator chose which key of each pair to keep and
  // ran this again; a dry run goes on, to show everything it would do.
  if (keys.conflicts.length > 0 && !dryRun) return report;
  const now = deps.clock.now().getTime();
  for (const move of deps.queues)
    report.jobs.push({ queue: move.queue, copy: await move.copy({ dryRun, now }) });
  // Only after every copy: deleting first could lose a queued job if the copy failed halfway.
  report.oldQueueKeys = await deps.layout.deleteOldQueueKeys({ dryRun });
  if (!dryRun) await deps.layout.writeMarker();
  report.marked = keys.conflicts.length === 0;
  return report;
}
