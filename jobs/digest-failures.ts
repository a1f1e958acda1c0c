// A channel the digest can no longer reach (SPEC §2.4): switch its digest off and tell its stewards.

import { channelLink } from '../blocks/kit.ts';
import { buildNotice } from '../blocks/notice.ts';
import type { ChannelSettings } from '../src/domain/settings.ts';
import type { DigestJobDeps } from './digest-post.ts';
import { syncDigestSchedule } from './digest-schedule.ts';

const WHY: Record<string, string> = {
  not_in_channel: 'I am not a member of it. Invite me with `/invite @Debt Triage`',
  channel_not_found:
    'I cannot find it (deleted, or private without me). Invite me with `/invite @Debt Triage`',
  is_archived: 'it is archived. Unarchive it',
};

export async function switchDigestOff(
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
