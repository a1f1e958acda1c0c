// What a digest does when Slack says no (SPEC §2.4): wait as asked, switch an unreachable channel off and
// tell its stewards, pause everything when the token is refused, retry the rest.
import { DelayedError, type Job, UnrecoverableError } from 'bullmq';
import type { Slot, WeeklyDigestDeps } from '../src/features/digest/post-weekly-digest.ts';
import { switchDigestOff } from '../src/features/digest/switch-digest-off.ts';
import { classifySlackError, isSlackApiError } from '../src/lib/slack-errors.ts';
import { postpone } from './postpone.ts';

/** While Slack refuses the token, look again this often; after 24 h the week counts as missed. */
export const AUTH_RETRY_MS = 15 * 60_000;

export async function handleDigestFailure(
  deps: WeeklyDigestDeps,
  job: Job,
  token: string | undefined,
  s: Slot,
  error: unknown,
): Promise<string> {
  if (!isSlackApiError(error)) throw error;
  const failure = classifySlackError(error);
  const log = deps.logger.child({ teamId: s.teamId, channelId: s.channelId, week: s.week });
  switch (failure.kind) {
    case 'rate_limited':
      log.info('digest rate-limited; waiting as Slack asked', {
        retryAfterSeconds: failure.retryAfterSeconds,
      });
      return postpone(job, token, failure.retryAfterSeconds * 1000);
    case 'channel':
      await switchDigestOff(deps, s.teamId, s.channelId, s.settings, failure.error);
      return 'switched off';
    case 'auth':
      // Parked first, then paused: whoever lifts the pause finds this job waiting and can run it at once.
      await job.moveToDelayed(Date.now() + AUTH_RETRY_MS, token);
      await deps.digests.pause(failure.error, deps.clock.now().toISOString());
      log.error('SLACK REFUSED THE BOT TOKEN: all posting is paused until the token is fixed', {
        error: failure.error,
      });
      throw new DelayedError();
    case 'platform':
      throw new UnrecoverableError(`Slack refused the digest: ${failure.error}`);
    default:
      throw error;
  }
}
