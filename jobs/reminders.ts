// Processor of the hourly `vote-reminders` job (SPEC §2.5): src/features/remind-voters.ts does the work; a rate
// limit puts the job back for as long as Slack asked, without counting an attempt.
import type { webApi } from '@slack/bolt';
import { type Job, UnrecoverableError } from 'bullmq';
import { type ReminderDeps, remindVoters } from '../src/features/remind-voters.ts';
import { postpone } from './postpone.ts';

export interface ReminderJobDeps extends ReminderDeps {
  client: webApi.WebClient;
}

export function createReminderProcessor(deps: ReminderJobDeps) {
  return async function processReminders(job: Job, token?: string): Promise<string> {
    if ((job.data as { v?: unknown } | undefined)?.v !== 1)
      throw new UnrecoverableError('bad vote-reminders payload: expected { v: 1 }');
    const { counts, retryInMs } = await remindVoters(deps, deps.client);
    // People already reminded this week are marked in Redis, so the postponed run picks up only the rest.
    if (retryInMs !== null) return postpone(job, token, retryInMs);
    return `sent ${counts.sent}, dropped ${counts.dropped}, failed ${counts.failed}`;
  };
}
