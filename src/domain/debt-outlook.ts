// Interest rate and the debt spiral (SPEC §1.8): the share of the team's week the debt eats, and where it heads.

import type { WeeklyInterest } from './debt-trend.ts';
import { addWeeks, weekIndex, weekStartsOn } from './iso-week.ts';

/** The seed's "Month 9: team spends 50% on maintenance". */
export const SPIRAL_RATE = 0.5;
/** Open interest rising in each of this many weekly snapshots in a row is a spiral too. */
export const SPIRAL_RISES = 3;
export const PROJECTION_MIN_SNAPSHOTS = 4;
/** The projection's slope is the average weekly change over this many weeks. */
export const PROJECTION_WEEKS = 4;

export interface Projection {
  /** ISO week in which the rate would reach 50%, and its Monday. */
  week: string;
  startsOn: string;
  weeksAway: number;
  /** Average change of open interest per week, h/week (positive: it is a rising trend). */
  weeklyChange: number;
}

export interface DebtOutlook {
  /** Open interest ÷ capacity, as a fraction; null without a capacity. */
  rate: number | null;
  /** Why the spiral warning shows; empty when it does not. */
  warnings: ('rate' | 'rising')[];
  projection: Projection | null;
}

export function interestRate(openInterest: number, capacityHours: number | null): number | null {
  return capacityHours === null || capacityHours <= 0 ? null : openInterest / capacityHours;
}

/** The last SPIRAL_RISES + 1 snapshots are consecutive weeks and each is above the one before. */
export function risingWeeks(series: readonly WeeklyInterest[]): boolean {
  const last = series.slice(-(SPIRAL_RISES + 1));
  if (last.length < SPIRAL_RISES + 1) return false;
  return last.every((point, i) => {
    const before = last[i - 1];
    return (
      before === undefined ||
      (weekIndex(point.week) - weekIndex(before.week) === 1 && point.interest > before.interest)
    );
  });
}

/**
 * Straight line through the latest snapshot and the oldest one at most four weeks before it (a gap shortens
 * the run, the slope stays per week). Only for a rising trend, with a capacity, below the 50% mark.
 */
export function project(series: readonly WeeklyInterest[], capacityHours: number | null): Projection | null {
  const latest = series.at(-1);
  if (capacityHours === null || latest === undefined || series.length < PROJECTION_MIN_SNAPSHOTS) return null;
  const latestIndex = weekIndex(latest.week);
  const start = series.find((p) => latestIndex - weekIndex(p.week) <= PROJECTION_WEEKS);
  if (!start || start === latest) return null;
  const weeklyChange = (latest.interest - start.interest) / (latestIndex - weekIndex(start.week));
  const target = SPIRAL_RATE * capacityHours;
  if (weeklyChange <= 0 || latest.interest >= target) return null;
  const weeksAway = Math.max(1, Math.ceil((target - latest.interest) / weeklyChange - 1e-9));
  const week = addWeeks(latest.week, weeksAway);
  return { week, startsOn: weekStartsOn(week), weeksAway, weeklyChange };
}

export function assessOutlook(
  openInterest: number,
  capacityHours: number | null,
  series: readonly WeeklyInterest[],
): DebtOutlook {
  const rate = interestRate(openInterest, capacityHours);
  const warnings: DebtOutlook['warnings'] = [];
  if (rate !== null && rate >= SPIRAL_RATE) warnings.push('rate');
  if (risingWeeks(series)) warnings.push('rising');
  return { rate, warnings, projection: project(series, capacityHours) };
}
