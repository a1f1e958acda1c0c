// A workspace's share of the job queues, for erasing it (decision 0019): its channels' digest job schedulers
// and every job whose payload (or id) names it, in the `cards` and `digests` queues. Deliberately not part of
// `deps.producers`: nothing a Slack request or a job runs can reach it; only the erasure script builds it.
import type { Job, JobType, Queue } from 'bullmq';
import { digestSchedulerId, parseDigestSchedulerId } from '../../src/domain/schedule.ts';

export interface WorkspaceJobCounts {
  /** Waiting, delayed, prioritized or waiting for children: removable. */
  queued: number;
  /** Being processed right now: a running job cannot be removed, only waited for. */
  active: number;
  /** Completed or failed jobs BullMQ keeps for inspection: removable. */
  finished: number;
}

export interface WorkspaceJobs {
  /** Ids of the workspace's digest job schedulers. */
  schedulers(teamId: string): Promise<string[]>;
  jobs(teamId: string): Promise<WorkspaceJobCounts>;
  /**
   * Removes the digest schedulers of `channelIds` and any other scheduler whose id names the workspace
   * (with each one's next scheduled job); returns how many existed.
   */
  removeSchedulers(teamId: string, channelIds: readonly string[]): Promise<number>;
  /** Removes every job of the workspace that is not running; `active` are those left running. */
  removeJobs(teamId: string): Promise<{ removed: number; active: number }>;
  /** The queues' event stream keys: their entries carry job ids, which name workspaces. */
  eventStreams: string[];
}

const REMOVABLE: JobType[] = ['waiting', 'delayed', 'prioritized', 'waiting-children', 'completed', 'failed'];
const FINISHED = new Set<JobType>(['completed', 'failed']);

/** True when `text` contains the id as a whole token (`card-T1-3-9`), never as part of T12. */
function namesWorkspace(text: string, teamId: string): boolean {
  for (let at = text.indexOf(teamId); at !== -1; at = text.indexOf(teamId, at + 1)) {
    const edge = (c: string | undefined) => c === undefined || !/[A-Z0-9]/.test(c);
    if (edge(text[at - 1]) && edge(text[at + teamId.length])) return true;
  }
  return false;
}

/** Payloads name the workspace in `teamId` (jobs/contracts.ts); ids of refresh and digest jobs name it too. */
function belongsTo(job: Job, teamId: string): boolean {
  const data: unknown = job.data;
  const payloadTeam =
    typeof data === 'object' && data !== null ? (data as { teamId?: unknown }).teamId : undefined;
  return payloadTeam === teamId || namesWorkspace(job.id ?? '', teamId);
}

export function createWorkspaceJobs(queues: { cardQueue: Queue; digestQueue: Queue }): WorkspaceJobs {
  const all = [queues.cardQueue, queues.digestQueue];

  async function jobsOf(queue: Queue, teamId: string, state: JobType): Promise<Job[]> {
    return (await queue.getJobs([state], 0, -1, true)).filter((job) => belongsTo(job, teamId));
  }

  async function schedulers(teamId: string): Promise<string[]> {
    const ids: string[] = [];
    for (const scheduler of await queues.digestQueue.getJobSchedulers(0, -1)) {
      const id = scheduler.id ?? scheduler.key;
      if (parseDigestSchedulerId(id)?.teamId === teamId) ids.push(id);
    }
    return ids;
  }

  return {
    schedulers,
    async jobs(teamId) {
      const counts: WorkspaceJobCounts = { queued: 0, active: 0, finished: 0 };
      for (const queue of all) {
        counts.active += (await jobsOf(queue, teamId, 'active')).length;
        for (const state of REMOVABLE) {
          const found = (await jobsOf(queue, teamId, state)).length;
          if (FINISHED.has(state)) counts.finished += found;
          else counts.queued += found;
        }
      }
      return counts;
    },
    async removeSchedulers(teamId, channelIds) {
      const ids = new Set([
        ...channelIds.map((channelId) => digestSchedulerId(teamId, channelId)),
        ...(await schedulers(teamId)),
      ]);
      let removed = 0;
      // Removing a scheduler also removes its next run, which `queue.remove` would refuse to touch.
      for (const id of ids) if (await queues.digestQueue.removeJobScheduler(id)) removed++;
      return removed;
    },
    async removeJobs(teamId) {
      let removed = 0;
      for (const queue of all) {
        for (const state of REMOVABLE)
          for (const job of await jobsOf(queue, teamId, state)) {
            if (job.id === undefined) continue;
            // 1 removed; 0 locked (it became active meanwhile, counted below while it runs). A scheduler's
            // next run is refused (it throws) while its scheduler exists: left for the caller's next pass.
            const outcome = await queue.remove(job.id).catch(() => 0);
            if (outcome === 1) removed++;
          }
      }
      let active = 0;
      for (const queue of all) active += (await jobsOf(queue, teamId, 'active')).length;
      return { removed, active };
    },
    eventStreams: all.map((queue) => queue.toKey('events')),
  };
}
