// The trend of SPEC §1.8 / §2.10 as the chart and the stats message read it. Types only; built by debt-trend.ts.

/** One ISO week of a channel's (or a workspace's) trend. */
export interface TrendWeek {
  /** ISO week key in the channel's zone, e.g. `2026-W49`. */
  week: string;
  /** The local date of the week's Monday, `2026-11-30`: the chart's axis label. */
  startsOn: string;
  /** Items filed and resolved (not won't-fix) in the week, derived from item timestamps. */
  filed: number;
  resolved: number;
  /** Open interest at the week's snapshot, h/week; null when the week has none (before the first, or a gap). */
  openInterest: number | null;
}

export interface TrendSeries {
  /** Oldest first, at most 12 consecutive weeks ending with the current one; empty for no items at all. */
  weeks: TrendWeek[];
  /** The first week that has a snapshot (the interest line starts there), or null when none has one yet. */
  interestSince: string | null;
  /** Whose trend: `#channel` or `the workspace` as plain text (the chart draws it; no markup). */
  scopeLabel: string;
}
