// The scheduled weekly digest (SPEC §2.4): posted exactly once per channel and week, whatever happens.
//
// Reserve the week in Redis, post with message metadata, record the post. A reservation found without a
// recorded post means a worker died between Slack accepting the message and recording it: the channel's
// history is searched for the metadata before anything is posted again. One worker at a time per channel
// (a lock with a TTL) keeps two workers from both searching, finding nothing and both posting.
import type { webApi } from '@slack/bolt';
import { DelayedError, type Job, type Queue, UnrecoverableError } from 'bullmq';
import { digestWindow, isMissed, isoWeekKey, slotFromJob } from '../src/domain/schedule.ts';
import type { ChannelSettings } from '../src/domain/settings.ts';
import type { Clock } from '../src/lib/clock.ts';
import type { Logger } from '../src/lib/logger.ts';
import { classifySlackError } from '../src/lib/slack-errors.ts';
import type { SettingsStore } from '../src/store/settings.ts';
import { DIGEST_EVENT_TYPE, DigestPayloadSchema } from './contracts.ts';
import { type ComposeDeps, composeDigest } from './digest-compose.ts';
import { switchDigestOff } from './digest-failures.ts';
import { findPostedDigest } from './digest-history.ts';
import { syncDigestSchedule } from './digest-schedule.ts';

/** Longer than one post can take (the worker client times out after 10 s), short enough to recover fast. */
export const DIGEST_LOCK_MS = 20_000;
const LOCK_BUSY_RETRY_MS = 2_000;
/** While Slack refuses the token, look again this often; after 24 h the week counts as missed. */
const AUTH_RETRY_MS = 15 * 60_000;

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

async function postpone(job: Job, token: string | undefined, ms: number): Promise<never> {
  await job.moveToDelayed(Date.now() + ms, token);
  throw new DelayedError();
}

interface Slot {
  teamId: string;
  channelId: string;
  settings: ChannelSettings;
  timezone: string;
  slot: number;
  week: string;
}

async function postOnce(deps: DigestJobDeps, s: Slot): Promise<string> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const existing = await deps.digests.record(s.teamId, s.channelId, s.week);
  if (existing?.state === 'posted') return 'already posted';
  if (existing?.state === 'reserved') {
    const found = await findPostedDigest(deps.client, s.channelId, s.week, s.slot);
    if (found) {
      await deps.digests.markPosted(s.teamId, s.channelId, s.week, found, at);
      return 'found in history';
    }
  } else {
    await deps.digests.reserve(s.teamId, s.channelId, s.week, at);
  }
  const composed = await composeDigest(deps, {
    teamId: s.teamId,
    channelId: s.channelId,
    settings: s.settings,
    timezone: s.timezone,
    window: digestWindow({ ...s.settings, timezone: s.timezone }, s.slot),
    kind: 'scheduled',
    now,
    workspaceUrl: await deps.workspaceUrl(),
  });
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
  await deps.digests.markPosted(s.teamId, s.channelId, s.week, posted.ts ?? '', at);
  await deps.digests.saveSnapshot(s.teamId, s.channelId, s.week, composed.totalInterest);
  await deps.digests.clearMissed(s.teamId, s.channelId, composed.missedWeeks);
  return 'posted';
}

export function createDigestProcessor(deps: DigestJobDeps) {
  return async function processDigest(job: Job, token?: string): Promise<string> {
    const parsed = DigestPayloadSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`bad digest payload: ${parsed.error.message}`);
    const { teamId, channelId } = parsed.data;
    const now = deps.clock.now().getTime();
    const slot = slotFromJob(job) ?? now;
    const settings = await deps.settings.find(teamId, channelId);
    if (!settings?.digestEnabled) {
      if (settings) await syncDigestSchedule(deps.queue, teamId, channelId, settings, deps.defaultTimezone);
      return 'digest off';
    }
    if (await deps.digests.paused()) return postpone(job, token, AUTH_RETRY_MS);
    const timezone = settings.timezone ?? deps.defaultTimezone;
    const week = isoWeekKey(slot, timezone);
    const log = deps.logger.child({ teamId, channelId, week });
    if (isMissed(slot, now)) {
      // Older than 24 h (every worker was down): skipped, and the next digest says so.
      await deps.digests.addMissed(teamId, channelId, week);
      log.warn('digest skipped: more than 24 hours late', { slot: new Date(slot).toISOString() });
      return 'missed';
    }
    const lock = await deps.digests.lock(teamId, channelId, DIGEST_LOCK_MS);
    if (!lock)
      return postpone(
        job,
        token,
        Math.max(LOCK_BUSY_RETRY_MS, await deps.digests.lockTtlMs(teamId, channelId)),
      );
    let outcome: string;
    try {
      outcome = await postOnce(deps, { teamId, channelId, settings, timezone, slot, week });
    } catch (error) {
      await deps.digests.unlock(teamId, channelId, lock);
      return handleFailure(deps, job, token, { teamId, channelId, settings, timezone, slot, week }, error);
    }
    await deps.digests.unlock(teamId, channelId, lock);
    log.info('digest', { outcome });
    return outcome;
  };
}

async function handleFailure(
  deps: DigestJobDeps,
  job: Job,
  token: string | undefined,
  s: Slot,
  error: unknown,
): Promise<string> {
  if (
    typeof error !== 'object' ||
    error === null ||
    !('code' in error) ||
    !String(error.code).startsWith('slack_webapi_')
  )
    throw error;
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
