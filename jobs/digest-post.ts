// The scheduled weekly digest (SPEC §2.4): posted exactly once per channel and week, whatever happens.
//
// Reserve the week in Redis, post with message metadata, record the post. A reservation found without a
// recorded post means a worker died between Slack accepting the message and recording it: the channel's
// history is searched for the metadata before anything is posted again. One worker at a time per channel
// (a lock with a TTL, renewed right before posting) keeps two workers from both searching, finding nothing
// and both posting (decision 0010).
import type { webApi } from '@slack/bolt';
import { type Job, type Queue, UnrecoverableError } from 'bullmq';
import { digestWindow, isoWeekKey, resolveSlot, slotFromJob } from '../src/domain/schedule.ts';
import type { ChannelSettings } from '../src/domain/settings.ts';
import type { Clock } from '../src/lib/clock.ts';
import type { Logger } from '../src/lib/logger.ts';
import type { SettingsStore } from '../src/store/settings.ts';
import { DIGEST_EVENT_TYPE, DigestPayloadSchema } from './contracts.ts';
import { type ComposeDeps, composeDigest } from './digest-compose.ts';
import { AUTH_RETRY_MS, handleDigestFailure } from './digest-failures.ts';
import { findPostedDigest } from './digest-history.ts';
import { syncDigestSchedule } from './digest-schedule.ts';
import { postpone } from './postpone.ts';

/** Longer than one post can take (the worker client times out after 10 s), short enough to recover fast. */
const DIGEST_LOCK_MS = 20_000;
const LOCK_BUSY_RETRY_MS = 2_000;

export interface DigestJobDeps extends ComposeDeps {
  settings: SettingsStore;
  queue: Queue;
  /** The worker client: no automatic retries, so Retry-After is honoured once, here. */
  client: webApi.WebClient;
  clock: Clock;
  logger: Logger;
  defaultTimezone: string;
  workspaceUrl(): Promise<string | null>;
}

export interface Slot {
  teamId: string;
  channelId: string;
  settings: ChannelSettings;
  timezone: string;
  slot: number;
  week: string;
}

/** A lock that expired under us: someone else may be posting; retry later rather than risk a second post. */
class LockLostError extends Error {}

/**
 * Cards reach public channels without the bot in them (chat:write.public), but reading history for the
 * duplicate check needs membership: join a public channel first. A private one needs an invitation;
 * its post then fails with a channel error, which switches the digest off and tells the stewards.
 */
async function ensureMember(client: webApi.WebClient, channelId: string): Promise<void> {
  const info = await client.conversations.info({ channel: channelId });
  if (info.channel && !info.channel.is_member && !info.channel.is_private)
    await client.conversations.join({ channel: channelId });
}

/** The week's state: already posted (recorded, or found in history after a crash), or still to post. */
async function alreadyPosted(deps: DigestJobDeps, s: Slot): Promise<boolean> {
  const existing = await deps.digests.record(s.teamId, s.channelId, s.week);
  if (existing?.state === 'posted') return true;
  if (existing?.state !== 'reserved') return false;
  const found = await findPostedDigest(deps.client, s.channelId, s.week, s.slot);
  if (found)
    await deps.digests.markPosted(s.teamId, s.channelId, s.week, found, deps.clock.now().toISOString());
  return found !== null;
}

async function postOnce(deps: DigestJobDeps, s: Slot, lock: string): Promise<string> {
  if (await alreadyPosted(deps, s)) return 'already posted';
  const now = deps.clock.now();
  await deps.digests.reserve(s.teamId, s.channelId, s.week, now.toISOString());
  const composed = await composeDigest(deps, {
    ...s,
    window: digestWindow({ ...s.settings, timezone: s.timezone }, s.slot),
    kind: 'scheduled',
    now,
    workspaceUrl: await deps.workspaceUrl(),
  });
  if (!(await deps.digests.extendLock(s.teamId, s.channelId, lock, DIGEST_LOCK_MS)))
    throw new LockLostError();
  const posted = await deps.client.chat.postMessage({
    channel: s.channelId,
    text: composed.message.text,
    blocks: composed.message.blocks,
    unfurl_links: false,
    unfurl_media: false,
    metadata: {
      event_type: DIGEST_EVENT_TYPE,
      event_payload: { team: s.teamId, channel: s.channelId, week: s.week },
    },
  });
  await deps.digests.markPosted(s.teamId, s.channelId, s.week, posted.ts ?? '', now.toISOString(), {
    interest: composed.totalInterest,
    missedWeeks: composed.missedWeeks,
  });
  return 'posted';
}

/** Runs the job's slot, or the latest one under 24 h old after an outage; older ones are reported as missed. */
async function runSlot(
  deps: DigestJobDeps,
  base: Omit<Slot, 'slot' | 'week'>,
  jobSlot: number,
  lock: string,
) {
  const schedule = { ...base.settings, timezone: base.timezone };
  const { post, missed } = resolveSlot(schedule, jobSlot, deps.clock.now().getTime());
  for (const slot of missed) {
    const late: Slot = { ...base, slot, week: isoWeekKey(slot, base.timezone) };
    if (!(await alreadyPosted(deps, late)))
      await deps.digests.addMissed(base.teamId, base.channelId, late.week);
  }
  if (missed.length > 0)
    deps.logger.warn('digests skipped: more than 24 hours late', {
      ...base,
      settings: undefined,
      missed: missed.length,
    });
  if (post === null) return 'missed';
  await ensureMember(deps.client, base.channelId);
  return postOnce(deps, { ...base, slot: post, week: isoWeekKey(post, base.timezone) }, lock);
}

export function createDigestProcessor(deps: DigestJobDeps) {
  return async function processDigest(job: Job, token?: string): Promise<string> {
    const parsed = DigestPayloadSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`bad digest payload: ${parsed.error.message}`);
    const { teamId, channelId } = parsed.data;
    const jobSlot = slotFromJob(job) ?? deps.clock.now().getTime();
    const settings = await deps.settings.find(teamId, channelId);
    if (!settings) return 'no settings';
    // Heals a scheduler that drifted from the settings (e.g. a race with a restart's reconcile).
    await syncDigestSchedule(deps.queue, teamId, channelId, settings, deps.defaultTimezone);
    if (!settings.digestEnabled) return 'digest off';
    if (await deps.digests.paused()) return postpone(job, token, AUTH_RETRY_MS);
    const lock = await deps.digests.lock(teamId, channelId, DIGEST_LOCK_MS);
    if (!lock)
      return postpone(
        job,
        token,
        Math.max(LOCK_BUSY_RETRY_MS, await deps.digests.lockTtlMs(teamId, channelId)),
      );
    const base = { teamId, channelId, settings, timezone: settings.timezone ?? deps.defaultTimezone };
    try {
      const outcome = await runSlot(deps, base, jobSlot, lock);
      deps.logger.info('digest', { teamId, channelId, outcome });
      return outcome;
    } catch (error) {
      if (error instanceof LockLostError) return await postpone(job, token, LOCK_BUSY_RETRY_MS);
      return await handleDigestFailure(
        deps,
        job,
        token,
        { ...base, slot: jobSlot, week: isoWeekKey(jobSlot, base.timezone) },
        error,
      );
    } finally {
      await deps.digests.unlock(teamId, channelId, lock);
    }
  };
}
