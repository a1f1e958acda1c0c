// The 12-week trend of SPEC §1.8 / §2.10: filed and resolved from item timestamps, open interest from snapshots.
import { DateTime } from 'luxon';
import { weekKeyOf, weekStartsOn } from './iso-week.ts';
import type { Item } from './item.ts';
import type { WeeklySnapshot } from './snapshot.ts';
import type { TrendSeries, TrendWeek } from './trend-model.ts';

export const TREND_WEEKS = 12;

export interface TrendInput {
  items: readonly Pick<Item, 'createdAt' | 'resolvedAt' | 'status'>[];
  /** Open interest per week: one channel's snapshots, or combinedWeeklyInterest for several. */
  snapshots: readonly Pick<WeeklySnapshot, 'week' | 'openInterest'>[];
  /** The zone whose weeks the axis uses: the channel's, or the viewer's for a workspace. */
  timezone: string;
  now: Date;
  scopeLabel: string;
}

export interface WeeklyInterest {
  week: string;
  interest: number;
}

/** Snapshots summed per ISO week, oldest first: one channel's series, or a workspace's. */
export function weeklyInterest(snapshots: TrendInput['snapshots']): WeeklyInterest[] {
  const sums = new Map<string, number>();
  for (const s of snapshots) sums.set(s.week, (sums.get(s.week) ?? 0) + s.openInterest);
  return [...sums]
    .map(([week, interest]) => ({ week, interest }))
    .sort((a, b) => (a.week < b.week ? -1 : a.week > b.week ? 1 : 0));
}

/**
 * Several channels' snapshots summed per week, counting only complete weeks: a week is left out (a gap) when a
 * channel that had a snapshot before it has none for it — its moment may not have come yet, or it was missed —
 * since a sum without it would read as a drop. One channel's series comes back as it is.
 */
export function combinedWeeklyInterest(
  byChannel: ReadonlyMap<string, readonly Pick<WeeklySnapshot, 'week' | 'openInterest'>[]>,
): WeeklyInterest[] {
  const channels = [...byChannel.values()].map((snapshots) => new Map(snapshots.map((s) => [s.week, s])));
  const firstWeek = channels.map((weeks) => [...weeks.keys()].sort()[0]);
  return weeklyInterest([...byChannel.values()].flat()).filter(({ week }) =>
    channels.every((weeks, i) => {
      const first = firstWeek[i];
      return first === undefined || first > week || weeks.has(week);
    }),
  );
}

/**
 * Up to 12 weeks ending with the current one; a young channel's trend starts at its first item's week (or
 * its first snapshot's), so a new team sees one bar, not eleven empty weeks. No items and no snapshots: none.
 */
export function buildTrend(input: TrendInput): TrendSeries {
  const zone = input.timezone;
  const weekOf = (iso: string) => weekKeyOf(DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone));
  const series = weeklyInterest(input.snapshots);
  const interestSince = series[0]?.week ?? null;
  const current = DateTime.fromJSDate(input.now, { zone }).startOf('week');
  const firstSeen = [
    ...input.items.map((i) => weekOf(i.createdAt)),
    ...(interestSince ? [interestSince] : []),
  ].sort()[0];
  if (firstSeen === undefined) return { weeks: [], interestSince, scopeLabel: input.scopeLabel };

  const keys: string[] = [];
  for (let back = TREND_WEEKS - 1; back >= 0; back--) {
    const key = weekKeyOf(current.minus({ weeks: back }));
    if (key >= firstSeen) keys.push(key);
  }
  const filed = new Map<string, number>();
  const resolved = new Map<string, number>();
  const bump = (counts: Map<string, number>, key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  for (const item of input.items) {
    bump(filed, weekOf(item.createdAt));
    if (item.status === 'resolved' && item.resolvedAt) bump(resolved, weekOf(item.resolvedAt));
  }
  const interest = new Map(series.map((s) => [s.week, s.interest]));
  const weeks: TrendWeek[] = keys.map((week) => ({
    week,
    startsOn: weekStartsOn(week),
    filed: filed.get(week) ?? 0,
    resolved: resolved.get(week) ?? 0,
    openInterest: interest.get(week) ?? null,
  }));
  return { weeks, interestSince, scopeLabel: input.scopeLabel };
}
