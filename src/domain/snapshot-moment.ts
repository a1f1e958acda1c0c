// When a channel's weekly snapshot is due (SPEC §1.8): at its digest slot when it has a digest, else Monday
// 00:00 in its zone; one per ISO week either way.
import { DateTime } from 'luxon';
import { digestWindow, isoWeekKey, nextRun, previousRun } from './schedule.ts';
import type { ChannelSettings } from './settings.ts';

export interface DueSnapshot {
  week: string;
  /** The week before the snapshot moment, half-open: what "filed / resolved in the week" counts. */
  window: { start: Date; end: Date };
}

/**
 * The latest snapshot due at `now` (the caller skips a week already written), or null while the channel's
 * digest has its turn. A channel with a digest gets its snapshot from the digest job at the slot (the digest
 * shows those very figures); the sweep fills in once `graceMs` has passed since the slot without one, e.g.
 * because the digest failed or was skipped.
 */
export function dueSnapshot(
  settings: Pick<ChannelSettings, 'digestEnabled' | 'weekday' | 'time' | 'timezone'>,
  defaultTimezone: string,
  now: number,
  graceMs: number,
): DueSnapshot | null {
  const timezone = settings.timezone ?? defaultTimezone;
  if (settings.digestEnabled) {
    const schedule = { weekday: settings.weekday, time: settings.time, timezone };
    const slot = previousRun(schedule, nextRun(schedule, now));
    // Keyed by the slot's week, not now's: a Sunday-evening slot's grace may end in the next week.
    return now - slot < graceMs
      ? null
      : { week: isoWeekKey(slot, timezone), window: digestWindow(schedule, slot) };
  }
  const week = isoWeekKey(now, timezone);
  const monday = DateTime.fromMillis(now, { zone: timezone }).startOf('week');
  return { week, window: { start: monday.minus({ weeks: 1 }).toJSDate(), end: monday.toJSDate() } };
}
