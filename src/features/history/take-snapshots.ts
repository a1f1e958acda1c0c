// The weekly snapshots of SPEC §1.8, taken for every channel with items whether or not its digest is on.
// The hourly `snapshot-sweep` job (a worker's cards queue, src/start-workers.ts) calls sweepSnapshots; a digest writes its own week's snapshot itself.
import type { Deps } from '../../deps.ts';
import type { ChannelSettings } from '../../domain/settings.ts';
import { takeSnapshot } from '../../domain/snapshot.ts';
import { dueSnapshot } from '../../domain/snapshot-moment.ts';

export type SnapshotDeps = Pick<
  Deps,
  'items' | 'scores' | 'history' | 'settings' | 'config' | 'logger' | 'clock'
>;

/** A channel with a digest gets its snapshot from the digest; the sweep steps in this long after the slot. */
export const DIGEST_SNAPSHOT_GRACE_MS = 2 * 3_600_000;
/** Channels snapshotted at once: each is a few reads; more would only queue behind one Redis connection. */
const PARALLEL_CHANNELS = 8;

export type SnapshotOutcome = 'written' | 'exists' | 'not due' | 'no items';

export async function snapshotChannel(
  deps: SnapshotDeps,
  teamId: string,
  channelId: string,
  settings: ChannelSettings,
): Promise<SnapshotOutcome> {
  const now = deps.clock.now();
  const due = dueSnapshot(settings, deps.config.defaultTimezone, now.getTime(), DIGEST_SNAPSHOT_GRACE_MS);
  if (due === null) return 'not due';
  if (await deps.history.has(teamId, channelId, due.week)) return 'exists';
  const items = await deps.items.listChannel(teamId, channelId);
  if (items.length === 0) return 'no items';
  const scored = await deps.scores.score(teamId, items);
  const snapshot = takeSnapshot(scored, {
    week: due.week,
    at: now,
    window: due.window,
    capacityHours: settings.capacityHours,
  });
  return (await deps.history.record(teamId, channelId, snapshot)) ? 'written' : 'exists';
}

/** Every configured channel (filing the first item configures a channel); one failing channel stops none. */
export async function sweepSnapshots(
  deps: SnapshotDeps,
): Promise<Record<SnapshotOutcome | 'failed', number>> {
  const counts = { written: 0, exists: 0, 'not due': 0, 'no items': 0, failed: 0 };
  const channels = await deps.settings.all();
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < channels.length; i = next++) {
      const channel = channels[i];
      if (!channel) continue;
      try {
        counts[await snapshotChannel(deps, channel.teamId, channel.channelId, channel.settings)]++;
      } catch (error) {
        counts.failed++;
        deps.logger.error('weekly snapshot failed', {
          teamId: channel.teamId,
          channelId: channel.channelId,
          error,
        });
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_CHANNELS }, lane));
  if (counts.written > 0 || counts.failed > 0) deps.logger.info('weekly snapshots taken', counts);
  return counts;
}
