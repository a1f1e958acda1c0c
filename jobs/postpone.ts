// Gives a job back to BullMQ for later without counting an attempt (Retry-After, a busy lock, a pause).
import { DelayedError, type Job } from 'bullmq';

export async function postpone(job: Job, token: string | undefined, ms: number): Promise<never> {
  await job.moveToDelayed(Date.now() + ms, token);
  throw new DelayedError();
}
