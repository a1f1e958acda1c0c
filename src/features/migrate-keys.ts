// Moving one installation's data from key layout 1 to layout 2 (decision 0025, docs/redis-cluster-plan.md,
// "Upgrade path for existing data"): workspace keys renamed in place, queued jobs copied to BullMQ's new prefix,
// the old queues deleted, then the marker that lets the app start. Every step is safe to repeat.
import type { Queue } from 'bullmq';
import { copyQueuedJobs, type QueueCopy } from '../../jobs/producers/copy-queued-jobs.ts';
import type { RedisClient } from '../store/client.ts';
import { deleteOldQueueKeys, type RenameReport, renameTeamKeys, writeLayoutMarker } from '../store/layout.ts';

export interface MigrationDeps {
  /** One Redis, not a cluster: a rename across hash slots is impossible there. */
  redis: RedisClient;
  prefix: string;
  /** Each layout 1 queue (prefix `<p>:bull`) with the same queue under the new prefix. */
  queues: { from: Queue; to: Queue }[];
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

export async function migrateKeys(
  deps: MigrationDeps,
  { dryRun }: { dryRun: boolean },
): Promise<MigrationReport> {
  const keys = await renameTeamKeys(deps.redis, deps.prefix, { dryRun });
  const report: MigrationReport = { dryRun, keys, jobs: [], oldQueueKeys: 0, marked: false };
  // Stopped short, so the app keeps refusing to start until the operator chose which key of each pair to keep and
  // ran this again; a dry run goes on, to show everything it would do.
  if (keys.conflicts.length > 0 && !dryRun) return report;
  for (const { from, to } of deps.queues)
    report.jobs.push({ queue: from.name, copy: await copyQueuedJobs(from, to, deps.redis, { dryRun }) });
  // Only after every copy: deleting first could lose a queued job if the copy failed halfway.
  report.oldQueueKeys = await deleteOldQueueKeys(deps.redis, deps.prefix, { dryRun });
  if (!dryRun) await writeLayoutMarker(deps.redis, deps.prefix);
  report.marked = keys.conflicts.length === 0;
  return report;
}
