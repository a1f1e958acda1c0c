// `/debt stats` (SPEC §2.10) as a pure model: counts, interest by category, rate and spiral, paydown, oldest
// open items and the trend. Built from what the caller may see (privacy is decided before, in the use case).
import { CATEGORIES, type Category } from './categories.ts';
import { assessOutlook, type DebtOutlook, risingWeeks } from './debt-outlook.ts';
import { buildTrend, combinedWeeklyInterest } from './debt-trend.ts';
import { type Item, isOpen, STATUSES, type Status } from './item.ts';
import { type Paydown, paydownRealised } from './paydown.ts';
import type { Score } from './scoring.ts';
import type { WeeklySnapshot } from './snapshot.ts';
import type { TrendSeries } from './trend-model.ts';

const OLDEST_SHOWN = 3;
const DAY_MS = 86_400_000;

export interface CategoryInterest {
  category: Category;
  /** Open items of the category, and the interest of those that have one, h/week. */
  count: number;
  interest: number;
  /** Of the total open interest; 0 when the total is 0. */
  share: number;
}

export interface StatsModel {
  /** A channel id, or null for the workspace (`all`). */
  channelId: string | null;
  /** Nothing filed (that the user may see): the surface shows an invitation, not an empty chart. */
  empty: boolean;
  counts: Record<Status, number>;
  openInterest: number;
  measuredInterest: number;
  /** Categories with open items, most interest first, then the menu order of §1.2. */
  byCategory: CategoryInterest[];
  /** The capacity the rate divides by (a workspace: the sum over channels that set one), and how many channels. */
  capacity: { hours: number; channels: number } | null;
  outlook: DebtOutlook;
  paydown: Paydown;
  oldest: { item: Item; ageDays: number }[];
  trend: TrendSeries;
  /** A workspace view for someone who is not an admin: private channels' items of others are left out. */
  privateLeftOut: boolean;
}

export interface StatsInput {
  channelId: string | null;
  privateLeftOut: boolean;
  entries: readonly { item: Item; score: Score }[];
  /** Snapshots of the channels in scope, by channel. */
  snapshots: ReadonlyMap<string, readonly WeeklySnapshot[]>;
  /** Capacity of each channel in scope that has one (h/week). */
  capacities: ReadonlyMap<string, number>;
  timezone: string;
  now: Date;
  scopeLabel: string;
}

function byCategory(open: readonly { item: Item; score: Score }[], total: number): CategoryInterest[] {
  const sums = new Map<Category, { count: number; interest: number }>();
  for (const { item, score } of open) {
    const sum = sums.get(item.category) ?? { count: 0, interest: 0 };
    sum.count++;
    sum.interest += score.interest ?? 0;
    sums.set(item.category, sum);
  }
  const menuOrder = CATEGORIES.map((c) => c.value);
  return [...sums]
    .map(([category, s]) => ({ category, ...s, share: total > 0 ? s.interest / total : 0 }))
    .sort((a, b) => b.interest - a.interest || menuOrder.indexOf(a.category) - menuOrder.indexOf(b.category));
}

const interestOf = (entries: readonly { score: Score }[]) =>
  entries.reduce((sum, { score }) => sum + (score.interest ?? 0), 0);

/**
 * The rate divides the open interest of the channels that set a capacity by the sum of those capacities
 * (a workspace's channels may set theirs or not); the spiral's "rising" reads every channel in scope.
 */
function outlookOf(input: StatsInput, open: readonly { item: Item; score: Score }[]): DebtOutlook {
  const rising = risingWeeks(combinedWeeklyInterest(input.snapshots));
  const withCapacity = [...input.capacities.keys()];
  if (withCapacity.length === 0) return { rate: null, warnings: rising ? ['rising'] : [], projection: null };
  const hours = withCapacity.reduce((sum, c) => sum + (input.capacities.get(c) ?? 0), 0);
  const covered = open.filter(({ item }) => input.capacities.has(item.channelId));
  const series = combinedWeeklyInterest(new Map(withCapacity.map((c) => [c, input.snapshots.get(c) ?? []])));
  const outlook = assessOutlook(interestOf(covered), hours, series);
  const warnings = outlook.warnings.filter((w) => w === 'rate');
  return {
    ...outlook,
    warnings: rising || outlook.warnings.includes('rising') ? [...warnings, 'rising'] : warnings,
  };
}

export function buildStats(input: StatsInput): StatsModel {
  const entries = [...input.entries].sort((a, b) => a.item.id - b.item.id);
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
  for (const { item } of entries) counts[item.status]++;
  const open = entries.filter(({ item }) => isOpen(item.status));
  const openInterest = interestOf(open);
  const hours = [...input.capacities.values()].reduce((sum, h) => sum + h, 0);
  return {
    channelId: input.channelId,
    privateLeftOut: input.privateLeftOut,
    empty: entries.length === 0,
    counts,
    openInterest,
    measuredInterest: interestOf(open.filter(({ score }) => score.measured)),
    byCategory: byCategory(open, openInterest),
    capacity: input.capacities.size > 0 ? { hours, channels: input.capacities.size } : null,
    outlook: outlookOf(input, open),
    paydown: paydownRealised(entries, input.now),
    oldest: open
      .map(({ item }) => ({
        item,
        ageDays: Math.floor((input.now.getTime() - Date.parse(item.createdAt)) / DAY_MS),
      }))
      .sort((a, b) => b.ageDays - a.ageDays || a.item.id - b.item.id)
      .slice(0, OLDEST_SHOWN),
    trend: buildTrend({
      items: entries.map(({ item }) => item),
      snapshots: combinedWeeklyInterest(input.snapshots).map(({ week, interest }) => ({
        week,
        openInterest: interest,
      })),
      timezone: input.timezone,
      now: input.now,
      scopeLabel: input.scopeLabel,
    }),
  };
}
