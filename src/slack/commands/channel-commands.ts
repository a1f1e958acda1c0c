// `/debt config`, `/debt digest` and `/debt digest post`: the channel-level commands (SPEC §2.1, §1.6).
import { confirm } from '../../../blocks/confirmations.ts';
import { buildSettingsModal } from '../../../blocks/settings-modal.ts';
import type { Deps } from '../../deps.ts';
import { loadSettingsForEdit } from '../../features/channel-settings.ts';
import { commandChannel, digestNow } from '../../features/digest/digest-now.ts';
import type { RequestContext } from '../context.ts';
import { SettingsMetadataSchema, writeMetadata } from '../modals.ts';

export async function openSettings(deps: Deps, ctx: RequestContext, triggerId: string): Promise<void> {
  const channelId = commandChannel(ctx);
  const { settings, timezone } = await loadSettingsForEdit(deps, ctx, channelId);
  const view = buildSettingsModal({
    channelId,
    settings,
    timezone,
    privateMetadata: writeMetadata(SettingsMetadataSchema, { v: 1, channelId }),
  });
  await ctx.client.views.open({ trigger_id: triggerId, view });
}

/** A private preview of this channel's digest, or (`post`) the digest posted in the channel. */
export async function answerDigest(deps: Deps, ctx: RequestContext, post: boolean): Promise<void> {
  const preview = await digestNow(deps, ctx, post);
  await ctx.reply(preview ?? confirm.digestPosted());
}
