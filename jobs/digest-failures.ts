// What a digest does when Slack says no (SPEC §2.4, §3.2): wait as asked, switch an unreachable channel off and
// tell its stewards, pause everything when the token is refused, retry the rest a bounded number of times, and
// tell the stewards when this week's digest is lost after all (refused, or out of retries): never silently.
import { DelayedError, type Job, UnrecoverableError } from 'bullmq';
import type { Slot, WeeklyDigestDeps } from '../src/features/digest/post-weekly-digest.ts';
import { reportLostDigest, switchDigestOff } from '../src/features/digest/switch-digest-off.ts';
import { pausePosting } from '../src/features/pause-posting.ts';
import { classifySlackError, isSlackApiError } from '../src/lib/slack-errors.ts';
import { postpone } from './postpone.ts';

/** While Slack refuses the token, look again this often; after 24 h the week counts as missed. */
export const AUTH_RETRY_MS = 15 * 60_000;

/**
 * Whether failing now fails the job for good: BullMQ retries while `attemptsMade + 1 < attempts` (attemptsMade
 * counts the failed runs before this one; postponing with moveToDelayed counts none). The digest's attempts
 * and backoff are its scheduler's job options (jobs/producers/digest-schedule.ts).
 */
export function isLastAttempt(job: Pick<Job, 'attemptsMade' | 'opts'>): boolean {
  return job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}

export async function handleDigestFailure(
  deps: WeeklyDigestDeps,
  job: Job,
  token: string | undefined,
  s: Slot,
  error: unknown,
): Promise<string> {
  const log = deps.logger.child({ teamId: s.teamId, channelId: s.channelId, week: s.week });
  const attempt = { attempt: job.attemptsMade + 1, attempts: job.opts.attempts ?? 1 };
  if (!isSlackApiError(error)) {
    if (isLastAttempt(job)) {
      deps.metrics.digest('failed');
      log.error('digest lost: it failed on our side on its last attempt', { ...attempt, error });
      await reportLostDigest(deps, s.teamId, s.channelId, s.settings, { error: null, refused: false });
    }
    throw error;
  }
  const failure = classifySlackError(error);
  switch (failure.kind) {
    case 'rate_limited':
      // `ratelimited` (429, Retry-After) and `rate_limited` (200, a default wait): never counted as an attempt.
      log.info('digest rate-limited; waiting as Slack asked', {
        error: failure.error,
        retryAfterSeconds: failure.retryAfterSeconds,
      });
      return postpone(job, token, failure.retryAfterSeconds * 1000);
    case 'channel':
      // This week's digest cannot reach the channel: lost, and the digest is off until someone fixes it.
      deps.metrics.digest('failed');
      await switchDigestOff(deps, s.teamId, s.channelId, s.settings, failure.error);
      return 'switched off';
    case 'auth':
      // Parked first, then paused: whoever lifts the pause finds this job waiting and can run it at once.
      await job.moveToDelayed(Date.now() + AUTH_RETRY_MS, token);
      await pausePosting(deps, failure.error, log);
      throw new DelayedError();
    case 'platform':
      // Slack will refuse the same digest again: no retry, and the stewards hear of it now.
      deps.metrics.digest('failed');
      log.error('digest lost: Slack refused it', { error: failure.error });
      await reportLostDigest(deps, s.teamId, s.channelId, s.settings, {
        error: failure.error,
        refused: true,
      });
      throw new UnrecoverableError(`Slack refused the digest: ${failure.error}`);
    case 'transient':
      if (!isLastAttempt(job)) {
        (failure.unknown ? log.warn : log.info)(
          failure.unknown
            ? 'digest failed with a code no method documents; retrying'
            : 'digest failed; retrying',
          { ...attempt, failure },
        );
        throw error;
      }
      deps.metrics.digest('failed');
      log.error('digest lost: Slack kept failing until the last attempt', { ...attempt, failure });
      await reportLostDigest(deps, s.teamId, s.channelId, s.settings, {
        error: failure.error,
        refused: false,
      });
      throw error;
  }
}
