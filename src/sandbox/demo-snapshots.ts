// The demo replay's weekly snapshots: each past week's, taken at its moment as the digest job takes it at its
// slot, so the seeded channels come with their weeks of history.
import { DateTime } from 'luxon';
import { nextRun } from '../domain/schedule.ts';
import type { ChannelSettings } from '../domain/settings.ts';
import { takeSnapshot } from '../domain/snapshot.ts';
import { dueSnapshot } from '../domain/snapshot-moment.ts';
import type { Replay } from './demo-replay.ts';

/**
 * When a channel's weekly snapshot is taken (SPEC §1.8): its digest slot when it has a digest, else Monday
 * 00:00 in its zone. The slot comes from BullMQ's own schedule (domain/schedule.ts), as the digest job's
 * does.
 */
function nextSnapshotMoment(settings: ChannelSettings, defaultTimezone: string, after: number): number {
  const timezone = settings.timezone ?? defaultTimezone;
  if (settings.digestEnabled)
    return nextRun({ weekday: settings.weekday, time: settings.time, timezone }, after);
  return DateTime.fromMillis(after, { zone: timezone }).startOf('week').plus({ weeks: 1 }).toMillis();
}

/**
 * The weekly snapshots of the past weeks. The app writes a week's snapshot only at its moment — the digest
 * job at the slot, the sweep for the week under way — never a past week, so the replay does at each moment
 * what the digest job does at its slot: the domain's takeSnapshot over the channel's items as scored then
 * (the replay's clock is there), written once with the history store's own HSETNX. A channel is watched from
 * the step that configured it; its next moment is kept, as working it out (BullMQ's cron) costs more than a
 * step.
 */
export function createSnapshotter(r: Replay) {
  const watched = new Map<string, { next: number; settings: ChannelSettings }>();
  const zone = r.deps.config.defaultTimezone;
  return {
    channels: () => [...watched.keys()],
    /** After a step that may have configured the channel: its moments from now on follow its settings. */
    async watch(channelId: string, at: number) {
      const settings = await r.deps.settings.find(r.teamId, channelId);
      if (settings) watched.set(channelId, { settings, next: nextSnapshotMoment(settings, zone, at) });
    },
    /** Takes every snapshot due up to `until`. */
    async until(until: number) {
      for (const [channelId, w] of watched) {
        for (; w.next <= until; w.next = nextSnapshotMoment(w.settings, zone, w.next)) {
          const at = w.next;
          const due = dueSnapshot(w.settings, zone, at, 0);
          const items = await r.past.items.listChannel(r.teamId, channelId);
          if (!due || items.length === 0) continue;
          r.clock.set(new Date(at));
          const snapshot = takeSnapshot(await r.past.scores.score(r.teamId, items), {
            week: due.week,
            at: new Date(at),
            window: due.window,
            capacityHours: w.settings.capacityHours,
          });
          // Only a sweep running while the replay does could have got there first (with a partial backlog).
          if (!(await r.deps.history.record(r.teamId, channelId, snapshot)))
            r.deps.logger.warn('demo snapshot already taken', {
              teamId: r.teamId,
              channelId,
              week: due.week,
            });
        }
      }
    },
  };
}
