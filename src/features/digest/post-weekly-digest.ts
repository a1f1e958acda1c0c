// The scheduled weekly digest (SPEC §2.4): posted exactly once per channel and week, whatever happens.
//
// Reserve the week in Redis, post with message metadata, record the post. A reservation found without a
// recorded post means a worker died between Slack accepting the message and recording it: the channel's
// history is searched for the metadata before anything is posted again. One worker at a time per channel
// (a lock with a TTL, renewed right before posting) keeps two workers from both searching, finding nothing
// and both posting (decision 0010).
import type { webApi } from '@slack/bolt';
import { DIGEST_EVENT_TYPE } from '../../../blocks/ids.ts';
import type { UploadedChart } from '../../../blocks/outlook.ts';
import type { Deps } from '../../deps.ts';
import { digestWindow, isoWeekKey, resolveSlot } from '../../domain/schedule.ts';
import type { ChannelSettings } from '../../domain/settings.ts';
import { classifySlackError, refusedPayload } from '../../lib/slack-errors.ts';
import { uploadTrendChart } from '../history/trend-chart.ts';
import { workspaceUrl } from '../workspace-links.ts';
import { type ComposeDeps, type ComposedDigest, composeDigest } from './compose-digest.ts';
import { findPostedDigest } from './find-posted-digest.ts';

export interface WeeklyDigestDeps
  extends ComposeDeps,
    Pick<Deps, 'settings' | 'producers' | 'clock' | 'logger' | 'config' | 'metrics' | 'uploadBudget'> {
  /** The worker client: no automatic retries, so Retry-After is honoured once, by the job. */
  client: webApi.WebClient;
}

/**
 * Renews the caller's hold on the channel's posting lock right before the post; false when it was lost
 * (expired, and maybe taken by another worker), and then nothing is posted.
 */
export type LockRenewal = () => Promise<boolean>;

/** A channel's digest for one scheduled slot (ms) and the ISO week it counts for. */
export interface Slot {
  teamId: string;
  channelId: string;
  settings: ChannelSettings;
  timezone: string;
  slot: number;
  week: string;
}

export type ChannelDigest = Omit<Slot, 'slot' | 'week'>;

/**
 * Cards reach public channels without the bot in them (chat:write.public), but reading history for the
 * duplicate check needs membership: join a public channel first. A private one needs an invitation;
 * its post then fails with a channel error, which switches the digest off and tells the stewards.
 */
async function ensureMember(client: webApi.WebClient, channelId: string): Promise<string | null> {
  const info = await client.conversations.info({ channel: channelId });
  if (info.channel && !info.channel.is_member && !info.channel.is_private)
    await client.conversations.join({ channel: channelId });
  return info.channel?.name ? `#${info.channel.name}` : null;
}

/** The week's state: already posted (recorded, or found in history after a crash), or still to post. */
async function alreadyPosted(deps: WeeklyDigestDeps, s: Slot): Promise<boolean> {
  const existing = await deps.digests.record(s.teamId, s.channelId, s.week);
  if (existing?.state === 'posted') return true;
  if (existing?.state !== 'reserved') return false;
  const found = await findPostedDigest(deps.client, s.channelId, s.week, s.slot);
  // What the found post showed was recorded with the reservation: its snapshot and celebrations count now.
  if (found)
    await deps.digests.markPosted(
      s.teamId,
      s.channelId,
      s.week,
      found,
      deps.clock.now().toISOString(),
      existing.shown,
    );
  return found !== null;
}

/** Posts the digest; an image Slack cannot show yet (it refuses the blocks) costs the chart, not the digest. */
async function post(
  deps: WeeklyDigestDeps,
  s: Slot,
  composed: ComposedDigest,
  chart: UploadedChart | null,
): Promise<{ ts?: string }> {
  const digest = composed.build(chart);
  try {
    return await deps.client.chat.postMessage({
      channel: s.channelId,
      text: digest.text,
      blocks: digest.blocks,
      unfurl_links: false,
      unfurl_media: false,
      metadata: {
        event_type: DIGEST_EVENT_TYPE,
        event_payload: { team: s.teamId, channel: s.channelId, week: s.week },
      },
    });
  } catch (error) {
    // Only here is the payload at hand: a refusal is logged with its size before the caller classifies it.
    const failure = classifySlackError(error);
    if (failure.kind === 'platform' && chart !== null && failure.error === 'invalid_blocks') {
      // Refused, so nothing was posted: safe to post once more without the image.
      deps.logger.warn('Slack refused the digest with its chart; posting it without', {
        teamId: s.teamId,
        channelId: s.channelId,
        week: s.week,
      });
      return post(deps, s, composed, null);
    }
    if (failure.kind === 'platform')
      deps.logger.error('Slack refused the digest', {
        teamId: s.teamId,
        channelId: s.channelId,
        week: s.week,
        ...refusedPayload(failure, digest),
      });
    throw error;
  }
}

async function postOnce(
  deps: WeeklyDigestDeps,
  s: Slot,
  channelLabel: string | null,
  stillHolding: LockRenewal,
): Promise<'posted' | 'already posted' | 'lock lost'> {
  if (await alreadyPosted(deps, s)) return 'already posted';
  const now = deps.clock.now();
  const composed = await composeDigest(deps, {
    ...s,
    ...(channelLabel ? { channelLabel } : {}),
    window: digestWindow({ ...s.settings, timezone: s.timezone }, s.slot),
    kind: 'scheduled',
    now,
    workspaceUrl: await workspaceUrl(deps.client, deps.logger),
  });
  // The lock is renewed before the chart and again before the post, and the chart has a deadline well inside
  // the lock: a slow upload costs the chart, never the lock. A retry uploads again (an unused file at worst).
  if (!(await stillHolding())) return 'lock lost';
  const chart = await uploadTrendChart(deps, deps.client, composed.trend, {
    teamId: s.teamId,
    channelId: s.channelId,
    week: s.week,
  });
  // Someone else may be posting: retry later rather than risk a second post.
  if (!(await stillHolding())) return 'lock lost';
  // Reserved right before the post, with what it shows (recorded as is if a crash follows Slack's accept).
  await deps.digests.reserve(s.teamId, s.channelId, s.week, now.toISOString(), composed.shown);
  const posted = await post(deps, s, composed, chart);
  await deps.digests.markPosted(
    s.teamId,
    s.channelId,
    s.week,
    posted.ts ?? '',
    now.toISOString(),
    composed.shown,
  );
  return 'posted';
}

/**
 * Posts the job's slot, or the latest one under 24 h old after an outage; older ones are recorded as missed
 * (the next digest names them). The caller holds the channel's posting lock and renews it through
 * `stillHolding`. Slack errors are thrown for the caller to classify.
 */
export async function postWeeklyDigest(
  deps: WeeklyDigestDeps,
  base: ChannelDigest,
  jobSlot: number,
  stillHolding: LockRenewal,
): Promise<'posted' | 'already posted' | 'missed' | 'lock lost'> {
  const schedule = { ...base.settings, timezone: base.timezone };
  const { post, missed } = resolveSlot(schedule, jobSlot, deps.clock.now().getTime());
  for (const slot of missed) {
    const late: Slot = { ...base, slot, week: isoWeekKey(slot, base.timezone) };
    if (!(await alreadyPosted(deps, late))) {
      await deps.digests.addMissed(base.teamId, base.channelId, late.week);
      deps.metrics.digest('skipped');
    }
  }
  if (missed.length > 0)
    deps.logger.warn('digests skipped: more than 24 hours late', {
      ...base,
      settings: undefined,
      missed: missed.length,
    });
  if (post === null) return 'missed';
  const channelLabel = await ensureMember(deps.client, base.channelId);
  const slot = { ...base, slot: post, week: isoWeekKey(post, base.timezone) };
  return postOnce(deps, slot, channelLabel, stillHolding);
}
