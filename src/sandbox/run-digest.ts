// "Run digest now": the channel's weekly digest job added as its scheduler adds it at a slot (the slot being now),
// waited for, and its outcome in words.
import type { Queue } from 'bullmq';
import { JOB_NAMES } from '../../jobs/contracts.ts';
import type { Runtime } from '../deps.ts';
import { SandboxRefusal } from './session-errors.ts';

/** How long the page waits for the worker to finish the job before saying it is still running. */
const DIGEST_WAIT_MS = 30_000;

/** The job's return value once it completed, `failed: <reason>`, `delayed`, or `running` if it outlasts `ms`. */
async function waitForJob(queue: Queue, id: string, ms: number): Promise<string> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const job = await queue.getJob(id);
    const state = job ? await job.getState() : 'unknown';
    if (job && state === 'completed') return String(job.returnvalue);
    if (job && state === 'failed') return `failed: ${job.failedReason}`;
    // Postponed (delayed) jobs are waiting on Slack or a lock: they will run on their own.
    if (state === 'delayed') return 'delayed';
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return 'running';
}

function outcomeText(outcome: string, channel: string): string {
  if (outcome === 'posted') return `The weekly digest is posted in #${channel}.`;
  if (outcome === 'already posted')
    return `This week's digest is already in #${channel} (one a week): \`/debt digest post\` posts another on request.`;
  if (outcome === 'delayed') return `The digest for #${channel} is waiting on Slack; it goes out on its own.`;
  if (outcome === 'running') return `The digest for #${channel} is still being put together.`;
  return `The digest for #${channel} was not posted: ${outcome}.`;
}

export async function runDigestNow(
  deps: Pick<Runtime, 'settings' | 'digestQueue'>,
  teamId: string,
  channel: { id: string; name: string },
): Promise<{ posted: boolean; text: string }> {
  const settings = await deps.settings.find(teamId, channel.id);
  if (!settings?.digestEnabled)
    throw new SandboxRefusal(
      `#${channel.name} has no weekly digest: turn it on with /debt config in the channel.`,
    );
  const now = Date.now();
  const job = await deps.digestQueue.add(
    JOB_NAMES.digest,
    { v: 1, teamId, channelId: channel.id },
    {
      jobId: `sandbox-digest-${teamId}-${channel.id}-${now}`,
      prevMillis: now,
      attempts: 3,
      removeOnComplete: 50,
    },
  );
  const outcome = await waitForJob(deps.digestQueue, job.id ?? '', DIGEST_WAIT_MS);
  return { posted: outcome === 'posted', text: outcomeText(outcome, channel.name) };
}
