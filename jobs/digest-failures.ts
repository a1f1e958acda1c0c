// What a digest does when Slack says no (SPEC §2.4): wait as asked, switch an unreachable channel off and
// tell its stewards, pause everything when the token is refused, retry the rest.
import { DelayedError, type Job, UnrecoverableError } from 'bullmq';
import { channelLink } from '../blocks/kit.ts';
import { buildNotice } from '../blocks/notice.ts';
import type { ChannelSettings } from '../src/domain/settings.ts';
import { classifySlackError, isSlackApiError } from '../src/lib/slack-errors.ts';
import type { DigestJobDeps, Slot } from './digest-post.ts';
import { syncDigestSchedule } from './digest-schedule.ts';
import { postpone } from './postpone.ts';

/** While Slack refuses the token, look again this often; after 24 h the week counts as missed. */
export const AUTH_RETRY_MS = 15 * 60_000;

const WHY: Record<string, string> = {
  not_in_channel: 'I am not a member of it. Invite me with `/invite @Debt Triage`',
  channel_not_found:
    'I cannot find it (deleted, or private without me). Invite me with `/invite @Debt Triage`',
  is_archived: 'it is archived. Unarchive it',
};

async function switchDigestOff(
  deps: Pick<DigestJobDeps, 'settings' | 'queue' | 'client' | 'logger' | 'defaultTimezone'>,
  teamId: string,
  channelId: string,
  settings: ChannelSettings,
  error: string,
): Promise<void> {
  const off = { ...settings, digestEnabled: false };
  await deps.settings.save(teamId, channelId, off);
  await syncDigestSchedule(deps.queue, teamId, channelId, off, deps.defaultTimezone);
  deps.logger.warn('digest switched off: channel unreachable', { teamId, channelId, error });
  const recipients =
    settings.stewards.length > 0
      ? settings.stewards
      : settings.lastConfiguredBy
        ? [settings.lastConfiguredBy]
        : [];
  const why = WHY[error] ?? `Slack answered \`${error}\``;
  const notice = buildNotice(
    `I could not post the weekly debt digest in ${channelLink(channelId)}: ${why}, then switch the digest back on with \`/debt config\` there.`,
    'Your items and settings are all kept.',
  );
  for (const userId of recipients) {
    try {
      const dm = await deps.client.conversations.open({ users: userId });
      if (dm.channel?.id)
        await deps.client.chat.postMessage({ channel: dm.channel.id, ...notice, unfurl_links: false });
    } catch (dmError) {
      deps.logger.warn('could not tell a steward that the digest is off', {
        teamId,
        channelId,
        userId,
        error: dmError,
      });
    }
  }
}

export async function handleDigestFailure(
  deps: DigestJobDeps,
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
