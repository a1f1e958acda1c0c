// `/debt config`, `/debt digest` and `/debt digest post`: the channel-level commands (SPEC §2.1, §1.6).
import { buildNotice } from '../../../blocks/notice.ts';
import { buildSettingsModal } from '../../../blocks/settings-modal.ts';
import { MANUAL_DIGEST_EVENT_TYPE } from '../../../jobs/contracts.ts';
import { composeDigest } from '../../../jobs/digest-compose.ts';
import type { Deps } from '../../deps.ts';
import { invalid } from '../../domain/errors.ts';
import type { RequestContext } from '../context.ts';
import { SettingsMetadataSchema, writeMetadata } from '../modals.ts';
import { requireSteward, userTimezone } from '../settings-ops.ts';
import { workspaceUrl } from '../workspace.ts';

const WEEK_MS = 7 * 86_400_000;

function channelOf(ctx: RequestContext): string {
  if (!ctx.channelId || !/^[CG]/.test(ctx.channelId))
    throw invalid('Run this in the channel whose debt it is about (not in a direct message).');
  return ctx.channelId;
}

export async function openSettings(deps: Deps, ctx: RequestContext, triggerId: string): Promise<void> {
  const channelId = channelOf(ctx);
  const settings = await deps.settings.get(ctx.teamId, channelId);
  await requireSteward(deps, ctx, settings, 'change these settings');
  const timezone = settings.timezone ?? (await userTimezone(deps, ctx.client, ctx.userId));
  const view = buildSettingsModal({
    channelId,
    settings,
    timezone,
    privateMetadata: writeMetadata(SettingsMetadataSchema, { v: 1, channelId }),
  });
  await ctx.client.views.open({ trigger_id: triggerId, view });
}

/** This channel's digest for the 7 days up to now: previewed privately, or posted with `post`. */
export async function digestNow(deps: Deps, ctx: RequestContext, post: boolean): Promise<void> {
  const channelId = channelOf(ctx);
  const settings = await deps.settings.get(ctx.teamId, channelId);
  if (post) await requireSteward(deps, ctx, settings, "post this channel's digest");
  if (post && (await deps.digests.paused()))
    throw invalid(
      'Slack refused the app’s token, so posting is paused: a workspace admin must reinstall Debt Triage.',
    );
  const now = deps.clock.now();
  const composed = await composeDigest(deps, {
    teamId: ctx.teamId,
    channelId,
    settings,
    timezone: settings.timezone ?? (await userTimezone(deps, ctx.client, ctx.userId)),
    window: { start: new Date(now.getTime() - WEEK_MS), end: now },
    kind: 'manual',
    now,
    workspaceUrl: await workspaceUrl(ctx.client, deps.logger),
  });
  if (!post) {
    await ctx.reply(composed.message);
    return;
  }
  // Tagged apart from the scheduled digest: it does not use up (or stand in for) this week's digest.
  await ctx.client.chat.postMessage({
    channel: channelId,
    ...composed.message,
    unfurl_links: false,
    unfurl_media: false,
    metadata: {
      event_type: MANUAL_DIGEST_EVENT_TYPE,
      event_payload: { team: ctx.teamId, channel: channelId },
    },
  });
  await ctx.reply(buildNotice("Posted this channel's digest. The weekly digest still comes as scheduled."));
}
