// The weekly digest's model (SPEC §2.4): what each section holds. Types only; built by digest.ts.
import type { Category } from './categories.ts';
import type { DebtOutlook } from './debt-outlook.ts';
import type { WeeklyInterest } from './debt-trend.ts';
import type { Item } from './item.ts';
import type { PaydownEntry } from './paydown.ts';
import type { Score } from './scoring.ts';
import type { ChannelSettings } from './settings.ts';

export interface DigestItem {
  item: Item;
  score: Score;
  /** ISO time of its last vote or pain report, or null */
  lastActivityAt: string | null;
}

export interface DigestInput {
  channelId: string;
  items: DigestItem[];
  settings: ChannelSettings;
  window: { start: Date; end: Date };
  timezone: string;
  kind: 'scheduled' | 'manual';
  lastSnapshot: { week: string; interest: number } | null;
  /** Open interest of the weekly snapshots, oldest first (a scheduled digest's own week included). */
  interestSeries: WeeklyInterest[];
  /** Items an earlier digest already celebrated as paid for themselves; null: celebrate none (a digest on request). */
  celebrated: ReadonlySet<number> | null;
  missedWeeks: string[];
  now: Date;
}

/** An item as a list shows it. */
export interface DigestEntry {
  item: Item;
  score: Score;
}

/** A capped list: `entries` are shown, `total` is how many there were (the builder says "…and N more"). */
export interface DigestList<T> {
  entries: T[];
  total: number;
}

export interface PaidDown {
  /** Fixes that paid for themselves since the last digest, each celebrated once; `total` counts them all. */
  paidForItself: DigestList<PaydownEntry>;
  /** Every one of them, shown or not: what the posted digest records as celebrated. */
  celebratedIds: number[];
  /** Items resolved (not won't-fix) inside the window. */
  count: number;
  /** Sum of their interest when resolved, h/week (unscored ones add nothing). */
  interest: number;
  /** Resolvers' user ids, most items first, then by id. */
  resolvers: DigestList<string>;
}

export interface InterestSummary {
  /** Open (open or in progress) items, and how many of them carry an interest figure. */
  openCount: number;
  scoredCount: number;
  /** h/week: the snapshot value of totalOpenInterest(). */
  total: number;
  capacityHours: number | null;
  /** total ÷ capacity, when a capacity is set. */
  shareOfCapacity: number | null;
  change: { sinceWeek: string; previous: number; delta: number } | null;
  outlook: DebtOutlook;
}

export interface BudgetSummary {
  /** capacity × budget %, hours this week. */
  available: number;
  /** Sum of the effort of every item that fits (all of them, not only those shown). */
  used: number;
  capacityHours: number;
  budgetPercent: number;
  /** Items that fit, in priority order; `total` counts all that fit. */
  fits: DigestList<DigestEntry>;
  /** Ranked `open` items considered. */
  candidates: number;
}

export interface CategoryCount {
  category: Category;
  count: number;
}

export interface NewThisWeek {
  total: number;
  /** Categories with at least one new item, in the menu order of §1.2. */
  byCategory: CategoryCount[];
}

export interface StaleEntry extends DigestEntry {
  /** Whole days since its last vote or pain report (or since it was filed, without any). */
  idleDays: number;
}

export interface DigestModel {
  channelId: string;
  kind: 'scheduled' | 'manual';
  timezone: string;
  window: { start: Date; end: Date };
  /** The channel has no items at all: the builder shows an invitation instead of sections. */
  empty: boolean;
  /** Skipped scheduled weeks, sorted and without duplicates. */
  missedWeeks: string[];
  paidDown: PaidDown | null;
  interest: InterestSummary | null;
  nextUp: DigestList<DigestEntry> | null;
  risk: DigestList<DigestEntry> | null;
  needsVotes: DigestList<DigestEntry> | null;
  needsDiscussion: DigestList<DigestEntry> | null;
  budget: BudgetSummary | null;
  newThisWeek: NewThisWeek | null;
  stale: DigestList<StaleEntry> | null;
}
