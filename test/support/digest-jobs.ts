// Adds a digest job exactly as a channel's job scheduler would for one slot, so tests need not wait for cron.
import type { Queue } from 'bullmq';
import { JOB_NAMES } from '../../jobs/contracts.ts';
import type { Runtime } from '../../src/deps.ts';
import { type ChannelSettings, DEFAULT_CHANNEL_SETTINGS } from '../../src/domain/settings.ts';

export async function enqueueDigestSlot(
  queue: Queue,
  teamId: string,
  channelId: string,
  slotMillis: number,
  suffix = '',
): Promise<void> {
  await queue.add(
    JOB_NAMES.digest,
    { v: 1, teamId, channelId },
    {
      jobId: `test-digest-${teamId}-${channelId}-${slotMillis}${suffix}`,
      prevMillis: slotMillis,
      attempts: 6,
      backoff: { type: 'fixed', delay: 300 },
      removeOnComplete: false,
      removeOnFail: false,
    },
  );
}

/** A channel configured for a weekly digest (stored directly, as `/debt config` would). */
export async function configureChannel(
  deps: Runtime,
  teamId: string,
  channelId: string,
  overrides: Partial<ChannelSettings> = {},
): Promise<ChannelSettings> {
  const settings: ChannelSettings = {
    ...DEFAULT_CHANNEL_SETTINGS,
    digestEnabled: true,
    timezone: 'Europe/Berlin',
    stewards: ['U0STEWARD'],
    ...overrides,
  };
  await deps.settings.save(teamId, channelId, settings);
  return settings;
}

/** Digest messages in a channel (scheduled ones carry the debt_digest metadata). */
export function digestPosts<M extends { metadata?: unknown }>(messages: M[], eventType = 'debt_digest'): M[] {
  return messages.filter(
    (m) =>
      typeof m.metadata === 'object' &&
      m.metadata !== null &&
      (m.metadata as { event_type?: unknown }).event_type === eventType,
  );
}
