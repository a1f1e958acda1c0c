// ISO week keys (`2026-W49`) as numbers of weeks, so gaps and "4 weeks ago" are plain arithmetic.
import { DateTime } from 'luxon';

const KEY = /^(\d{4})-W(\d{2})$/;

/** The Monday of an ISO week as a date-only DateTime (UTC, so no zone can shift it). */
export function mondayOf(week: string): DateTime {
  const match = KEY.exec(week);
  const monday = match
    ? DateTime.fromObject(
        { weekYear: Number(match[1]), weekNumber: Number(match[2]), weekday: 1 },
        { zone: 'utc' },
      )
    : null;
  if (!monday?.isValid) throw new Error(`not an ISO week: ${week}`);
  return monday;
}

/** Weeks since 1970-W01 (a Monday-based count); consecutive weeks differ by exactly 1. */
export function weekIndex(week: string): number {
  return Math.round(mondayOf(week).toMillis() / (7 * 86_400_000));
}

export function weekKeyOf(date: DateTime): string {
  return date.toFormat("kkkk-'W'WW");
}

export function addWeeks(week: string, weeks: number): string {
  return weekKeyOf(mondayOf(week).plus({ weeks }));
}

/** `2026-11-30`: the week's Monday. */
export function weekStartsOn(week: string): string {
  return mondayOf(week).toISODate() ?? week;
}
