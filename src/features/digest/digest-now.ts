// `/debt digest [post]`: this channel's digest for the 7 days up to now, previewed privately or posted.

import { TOKEN_REFUSED } from '../../../blocks/channel-problems.ts';
import { buildDigestMessage } from '../../../blocks/digest.ts';
import { MANUAL_DIGEST_EVENT_TYPE } from '../../../blocks/ids.ts';
import type { Message } from '../../../blocks/kit.ts';
import type { Deps } from '../../deps.ts';
import { invalid } from '../../domain/errors.ts';
import type { Actor } from '../actor.ts';
import { requireSteward, type SettingsDeps, userTimezone } from '../channel-settings.ts';
import { workspaceUrl } from '../workspace-links.ts';
import { type ComposeDeps, composeDigest } from './compose-digest.ts';

const WEEK_MS = 7 * 86_400_000;

type DigestNowDeps = ComposeDeps & SettingsDeps & Pick<Deps, 'clock'>;

/** The channel a channel-level command is about; a DM has no digest. */
export function commandChannel(actor: Actor): string {
  if (!actor.channelId || !/^[CG]/.test(actor.channelId))
    throw invalid('Run this in the channel whose debt it is about (not in a direct message).');
  return actor.channelId;
}

/** Composes the digest; with `post`, stewards only, posts it to the channel and returns null. */
export async function digestNow(deps: DigestNowDeps, actor: Actor, post: boolean): Promise<Message | null> {
  const channelId = commandChannel(actor);
  const settings = await deps.settings.get(actor.teamId, channelId);
  if (post) await requireSteward(deps, actor, settings, "post this channel's digest");
  if (post && (await deps.digests.paused())) throw invalid(TOKEN_REFUSED);
  const now = deps.clock.now();
  const url = await workspaceUrl(actor.client, deps.logger);
  const composed = await composeDigest(deps, {
    teamId: actor.teamId,
    channelId,
    settings,
    timezone: settings.timezone ?? (await userTimezone(deps, actor.client, actor.userId)),
    window: { start: new Date(now.getTime() - WEEK_MS), end: now },
    kind: 'manual',
    now,
    workspaceUrl: url,
  });
  // The chart belongs to the weekly digest and `/debt stats`; a digest on request goes without one.
  // A preview is built from the same model, told that only the asker sees it (and how to share it).
  if (!post) return buildDigestMessage(composed.model, { workspaceUrl: url, chart: null, preview: true });
  const digest = composed.build(null);
  // Tagged apart from the scheduled digest: it does not use up (or stand in for) this week's digest.
  await actor.client.chat.postMessage({
    channel: channelId,
    ...digest,
    unfurl_links: false,
    unfurl_media: false,
    metadata: {
      event_type: MANUAL_DIGEST_EVENT_TYPE,
      event_payload: { team: actor.teamId, channel: channelId },
    },
  });
  return null;
}
