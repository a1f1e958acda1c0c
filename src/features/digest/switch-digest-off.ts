// A channel the digest cannot reach (SPEC §2.4): switch its digest off and tell its stewards why.
import type { webApi } from '@slack/bolt';
import { buildDigestOffNotice } from '../../../blocks/channel-problems.ts';
import type { Deps } from '../../deps.ts';
import type { ChannelSettings } from '../../domain/settings.ts';

export async function switchDigestOff(
  deps: Pick<Deps, 'settings' | 'producers' | 'logger'> & { client: webApi.WebClient },
  teamId: string,
  channelId: string,
  settings: ChannelSettings,
  error: string,
): Promise<void> {
  const off = { ...settings, digestEnabled: false };
  await deps.settings.save(teamId, channelId, off);
  await deps.producers.syncDigestSchedule(teamId, channelId, off);
  deps.logger.warn('digest switched off: channel unreachable', { teamId, channelId, error });
  const recipients =
    settings.stewards.length > 0
      ? settings.stewards
      : settings.lastConfiguredBy
        ? [settings.lastConfiguredBy]
        : [];
  const notice = buildDigestOffNotice(channelId, error);
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
