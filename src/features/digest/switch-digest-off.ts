// A channel the digest cannot reach (SPEC §2.4): switch its digest off and tell its stewards why. A week's
// digest lost another way (Slack refused it, or kept failing past the last retry) is told to them the same way.
import type { webApi } from '@slack/bolt';
import { buildDigestFailedNotice, buildDigestOffNotice } from '../../../blocks/channel-problems.ts';
import type { Message } from '../../../blocks/kit.ts';
import type { Deps } from '../../deps.ts';
import type { ChannelSettings } from '../../domain/settings.ts';

type StewardDeps = Pick<Deps, 'logger'> & { client: webApi.WebClient };

/** DMs the channel's stewards (or, without any, whoever configured it last); returns how many were told. */
async function tellStewards(
  deps: StewardDeps,
  teamId: string,
  channelId: string,
  settings: ChannelSettings,
  notice: Message,
): Promise<number> {
  const recipients =
    settings.stewards.length > 0
      ? settings.stewards
      : settings.lastConfiguredBy
        ? [settings.lastConfiguredBy]
        : [];
  let told = 0;
  for (const userId of recipients) {
    try {
      const dm = await deps.client.conversations.open({ users: userId });
      if (dm.channel?.id) {
        await deps.client.chat.postMessage({ channel: dm.channel.id, ...notice, unfurl_links: false });
        told++;
      }
    } catch (dmError) {
      deps.logger.warn('could not tell a steward about the digest', {
        teamId,
        channelId,
        userId,
        error: dmError,
      });
    }
  }
  if (told === 0)
    deps.logger.error('nobody could be told about the digest', { teamId, channelId, text: notice.text });
  return told;
}

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
  await tellStewards(deps, teamId, channelId, settings, buildDigestOffNotice(channelId, error));
}

/**
 * This week's digest will not be posted (the digest stays on for next week): `error` is what Slack answered,
 * or null for a failure on our side; `refused` when Slack rejected the digest itself.
 */
export async function reportLostDigest(
  deps: StewardDeps,
  teamId: string,
  channelId: string,
  settings: ChannelSettings,
  failed: { error: string | null; refused: boolean },
): Promise<number> {
  return tellStewards(
    deps,
    teamId,
    channelId,
    settings,
    buildDigestFailedNotice(channelId, failed.error, failed.refused),
  );
}
