// Erasing one workspace's data (decision 0019). Run by an operator through src/erase-workspace.ts, never from
// Slack: the workspace's Redis records and its members of install-wide sets, its channels' digest job
// schedulers, its jobs in the `cards` and `digests` queues, and the queue events naming it. Other workspaces'
// data, schedulers and jobs are not touched.
import type { WorkspaceJobCounts, WorkspaceJobs } from '../../jobs/producers/erase.ts';
import type { Deps } from '../deps.ts';
import type { WorkspaceErasure, WorkspaceFootprint } from '../store/erase-workspace.ts';

/** Neither store nor producer is on `Deps`: only the erasure script builds them (nothing in Slack can erase). */
export type ErasureDeps = Pick<Deps, 'logger'> & {
  erasure: WorkspaceErasure;
  workspaceJobs: WorkspaceJobs;
};

/** Everything of one workspace that erasure deletes. */
export interface WorkspaceData extends WorkspaceFootprint {
  /** Digest job schedulers (one per channel with the digest on). */
  schedulers: number;
  jobs: WorkspaceJobCounts;
}

export interface ErasureReport {
  erased: {
    /** Items and channels the workspace had when erasure started. */
    items: number;
    channelIds: string[];
    keys: number;
    setMembers: { channels: number; unpublished: number };
    schedulers: number;
    jobs: number;
    events: number;
  };
  passes: number;
  /** What was still there after the last pass: nothing, unless a job of the workspace kept running or a
   * process kept writing for it (the app still installed and in use there). */
  left: WorkspaceData;
}

export interface ErasureOptions {
  /** Passes at most: a later pass removes what a job still running during the previous one wrote. */
  maxPasses?: number;
  /** Pause between passes, for running jobs to finish. */
  settleMs?: number;
}

export async function surveyWorkspace(deps: ErasureDeps, teamId: string): Promise<WorkspaceData> {
  const footprint = await deps.erasure.survey(teamId, deps.workspaceJobs.eventStreams);
  const schedulers = (await deps.workspaceJobs.schedulers(teamId)).length;
  return { ...footprint, schedulers, jobs: await deps.workspaceJobs.jobs(teamId) };
}

export function isNothing(data: WorkspaceData): boolean {
  const { setMembers, jobs } = data;
  return (
    data.keys +
      data.channelIds.length +
      setMembers.channels +
      setMembers.unpublished +
      data.events +
      data.schedulers +
      jobs.queued +
      jobs.active +
      jobs.finished ===
    0
  );
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Erases the workspace, pass after pass until nothing of it is left (or `maxPasses`). Each pass removes the
 * schedulers first (no new digest run starts), then the jobs (none is picked up), then the keys and set
 * members, then the queue events naming it. Irreversible: the caller has confirmed.
 */
export async function eraseWorkspace(
  deps: ErasureDeps,
  teamId: string,
  { maxPasses = 5, settleMs = 1000 }: ErasureOptions = {},
): Promise<ErasureReport> {
  const before = await surveyWorkspace(deps, teamId);
  const erased: ErasureReport['erased'] = {
    items: before.items,
    channelIds: before.channelIds,
    keys: 0,
    setMembers: { channels: 0, unpublished: 0 },
    schedulers: 0,
    jobs: 0,
    events: 0,
  };
  let left = before;
  let passes = 0;
  while (passes < maxPasses && !isNothing(left)) {
    if (passes > 0) await sleep(settleMs);
    passes++;
    erased.schedulers += await deps.workspaceJobs.removeSchedulers(teamId, left.channelIds);
    erased.jobs += (await deps.workspaceJobs.removeJobs(teamId)).removed;
    const removed = await deps.erasure.erase(teamId, deps.workspaceJobs.eventStreams);
    erased.keys += removed.keys;
    erased.setMembers.channels += removed.setMembers.channels;
    erased.setMembers.unpublished += removed.setMembers.unpublished;
    erased.events += removed.events;
    left = await surveyWorkspace(deps, teamId);
  }
  const fields = { teamId, passes, ...erased, channelIds: erased.channelIds.length };
  if (isNothing(left)) deps.logger.info('workspace erased', fields);
  else deps.logger.error('workspace erased only in part', { ...fields, left });
  return { erased, passes, left };
}
