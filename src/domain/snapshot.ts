// The weekly snapshot of SPEC §1.8: one record per channel per ISO week, written once and never rewritten.
import { z } from 'zod';
import { type Item, isOpen } from './item.ts';
import type { PainReport, Score } from './scoring.ts';

export const SNAPSHOT_SCHEMA_VERSION = 1;

export const WeeklySnapshotSchema = z.object({
  v: z.literal(SNAPSHOT_SCHEMA_VERSION),
  /** ISO week in the channel's zone, e.g. `2026-W49`: the record's key. */
  week: z.string().regex(/^\d{4}-W\d{2}$/),
  /** When it was taken (UTC ISO): the week's Monday 00:00 local, its digest slot, or a late sweep. */
  at: z.string(),
  /** Open (open or in progress) interest, h/week; voted + measured = open. */
  openInterest: z.number().nonnegative(),
  votedInterest: z.number().nonnegative(),
  measuredInterest: z.number().nonnegative(),
  openCount: z.number().int().nonnegative(),
  rankedCount: z.number().int().nonnegative(),
  unscoredCount: z.number().int().nonnegative(),
  /** Activity in the week before the snapshot (the digest window, or the 7 local days before Monday 00:00). */
  filed: z.number().int().nonnegative(),
  resolved: z.number().int().nonnegative(),
  /** Interest the week's resolutions removed (as scored when resolved), h/week. */
  interestRemoved: z.number().nonnegative(),
  painHours: z.number().nonnegative(),
  /** The channel's capacity when taken (h/week), so a week's interest rate reads as it was. */
  capacityHours: z.number().positive().nullable(),
});
export type WeeklySnapshot = z.infer<typeof WeeklySnapshotSchema>;

export interface SnapshotItem {
  item: Item;
  score: Score;
  pain: readonly PainReport[];
}

export interface SnapshotMoment {
  week: string;
  at: Date;
  /** The week before the snapshot, half-open [start, end). */
  window: { start: Date; end: Date };
  capacityHours: number | null;
}

function inWindow(iso: string | null, window: SnapshotMoment['window']): boolean {
  if (iso === null) return false;
  const at = Date.parse(iso);
  return at >= window.start.getTime() && at < window.end.getTime();
}

/** Sums in item-id order, so the same data gives the same float whatever order the store returned. */
export function takeSnapshot(entries: readonly SnapshotItem[], moment: SnapshotMoment): WeeklySnapshot {
  const items = [...entries].sort((a, b) => a.item.id - b.item.id);
  const open = items.filter(({ item }) => isOpen(item.status));
  const interestOf = (measured: boolean) =>
    open.reduce(
      (sum, { score }) =>
        score.interest !== null && score.measured === measured ? sum + score.interest : sum,
      0,
    );
  const votedInterest = interestOf(false);
  const measuredInterest = interestOf(true);
  const resolved = items.filter(
    ({ item }) => item.status === 'resolved' && inWindow(item.resolvedAt, moment.window),
  );
  return WeeklySnapshotSchema.parse({
    v: SNAPSHOT_SCHEMA_VERSION,
    week: moment.week,
    at: moment.at.toISOString(),
    openInterest: votedInterest + measuredInterest,
    votedInterest,
    measuredInterest,
    openCount: open.length,
    rankedCount: open.filter(({ score }) => score.ranked).length,
    unscoredCount: open.filter(({ score }) => !score.scored).length,
    filed: items.filter(({ item }) => inWindow(item.createdAt, moment.window)).length,
    resolved: resolved.length,
    interestRemoved: resolved.reduce((sum, { item }) => sum + (item.resolvedInterest ?? 0), 0),
    painHours: items.reduce(
      (sum, { pain }) =>
        sum + pain.filter((r) => inWindow(r.at, moment.window)).reduce((s, r) => s + r.hours, 0),
      0,
    ),
    capacityHours: moment.capacityHours,
  });
}
