// Processor of a channel's weekly digest job: the BullMQ side of SPEC §2.4 (payload, pause, lock, retries);
// the posting itself is src/features/digest/post-weekly-digest.ts.
import { type Job, UnrecoverableError } from 'bullmq';
import { isoWeekKey, slotFromJob } from '../src/domain/schedule.ts';
import { postWeeklyDigest, type WeeklyDigestDeps } from '../src/features/digest/post-weekly-digest.ts';
import { DigestPayloadSchema } from './contracts.ts';
import { AUTH_RETRY_MS, handleDigestFailure } from './digest-failures.ts';
import { postpone } from './postpone.ts';

/**
 * Longer than any one step holding it: a post (the worker client times out after 10 s) or the trend chart (8 s,
 * src/features/history/trend-chart.ts), each preceded by a renewal; short enough to recover fast.
 */
const DIGEST_LOCK_MS = 20_000;
const LOCK_BUSY_RETRY_MS = 2_000;

export function createDigestProcessor(deps: WeeklyDigestDeps) {
  return async function processDigest(job: Job, token?: string): Promise<string> {
    const parsed = DigestPayloadSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`bad digest payload: ${parsed.error.message}`);
    const { teamId, channelId } = parsed.data;
    const jobSlot = slotFromJob(job) ?? deps.clock.now().getTime();
    const settings = await deps.settings.find(teamId, channelId);
    if (!settings) return 'no settings';
    // Heals a scheduler that drifted from the settings (e.g. a race with a restart's reconcile).
    await deps.producers.syncDigestSchedule(teamId, channelId, settings);
    if (!settings.digestEnabled) return 'digest off';
    if (await deps.digests.paused()) return postpone(job, token, AUTH_RETRY_MS);
    const lock = deps.digests.lock(teamId, channelId);
    const lockToken = await lock.acquire(DIGEST_LOCK_MS);
    if (!lockToken) return postpone(job, token, Math.max(LOCK_BUSY_RETRY_MS, await lock.ttlMs()));
    const base = {
      teamId,
      channelId,
      settings,
      timezone: settings.timezone ?? deps.config.defaultTimezone,
    };
    try {
      const outcome = await postWeeklyDigest(deps, base, jobSlot, () =>
        lock.extend(lockToken, DIGEST_LOCK_MS),
      );
      if (outcome === 'lock lost') return await postpone(job, token, LOCK_BUSY_RETRY_MS);
      // Skipped weeks were counted as they were recorded (src/features/digest/post-weekly-digest.ts).
      if (outcome === 'posted') deps.metrics.digest('posted');
      deps.logger.info('digest', { teamId, channelId, outcome });
      return outcome;
    } catch (error) {
      return await handleDigestFailure(
        deps,
        job,
        token,
        { ...base, slot: jobSlot, week: isoWeekKey(jobSlot, base.timezone) },
        error,
      );
    } finally {
      await lock.release(lockToken);
    }
  };
}
