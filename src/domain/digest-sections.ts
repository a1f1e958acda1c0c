// One function per section of the weekly digest (SPEC §2.4). Pure; every priority order comes from rank().
import { CATEGORIES, type Category } from './categories.ts';
import { assessOutlook } from './debt-outlook.ts';
import type { WeeklyInterest } from './debt-trend.ts';
import type {
  BudgetSummary,
  DigestEntry,
  DigestItem,
  DigestList,
  InterestSummary,
  NewThisWeek,
  PaidDown,
  StaleEntry,
} from './digest-model.ts';
import { isOpen } from './item.ts';
import { paydownRealised } from './paydown.ts';
import { rank } from './scoring.ts';
import { budgetHours, type ChannelSettings } from './settings.ts';

/** How many entries each list shows at most; the rest become "…and N more" (one screen, §2.4). */
const DIGEST_CAPS = {
  risk: 3,
  needsVotes: 3,
  needsDiscussion: 3,
  budget: 3,
  stale: 3,
  resolvers: 10,
  paidForItself: 3,
} as const;

const STALE_OPEN_DAYS = 90;
/**
 * A fix is celebrated by the first digest after it paid for itself; one that paid off in a week whose digest
 * was missed is still celebrated up to four weeks on. Older ones (e.g. before this release) are not announced.
 */
const CELEBRATION_LOOKBACK_MS = 28 * 86_400_000;
const STALE_IDLE_DAYS = 30;
const DAY_MS = 86_400_000;
/** Efforts are sums of table hours; the slack only absorbs float noise when comparing with the budget. */
const EPSILON = 1e-9;

type Window = { start: Date; end: Date };

/** Half-open [start, end): an instant on a slot belongs to the digest that starts there, never to two. */
function inWindow(iso: string | null, window: Window): boolean {
  if (iso === null) return false;
  const at = Date.parse(iso);
  return at >= window.start.getTime() && at < window.end.getTime();
}

function capped<T>(all: readonly T[], max: number): DigestList<T> | null {
  return all.length === 0 ? null : { entries: all.slice(0, max), total: all.length };
}

const entry = ({ item, score }: DigestItem): DigestEntry => ({ item, score });
const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Input order must not matter: ids are unique per workspace, so sorting by id gives one canonical order. */
export function canonical(items: readonly DigestItem[]): DigestItem[] {
  return [...items].sort((a, b) => a.item.id - b.item.id);
}

/** The snapshot value: interest of every open (open or in progress) item that has one, h/week. */
export function totalOpenInterest(items: readonly DigestItem[]): number {
  // Summed in id order, so the float total is the same whatever order the store returned.
  return canonical(items).reduce(
    (sum, { item, score }) => (isOpen(item.status) && score.interest !== null ? sum + score.interest : sum),
    0,
  );
}

/**
 * Resolved fixes whose savings reached their effort since the last digest (or the few before it, should they
 * have been missed) and that no digest celebrated yet, most saved first. `celebrated` null: none at all.
 */
export function paidDownSection(
  items: readonly DigestItem[],
  window: Window,
  celebrated: ReadonlySet<number> | null,
  now: Date,
): PaidDown | null {
  const since = window.end.getTime() - CELEBRATION_LOOKBACK_MS;
  const paidForItself = paydownRealised(items, now).entries.filter(
    (e) =>
      celebrated !== null &&
      e.paidForItself &&
      !celebrated.has(e.item.id) &&
      e.paidOffAt !== null &&
      e.paidOffAt.getTime() >= since &&
      e.paidOffAt.getTime() < window.end.getTime(),
  );
  const paid = items.filter(({ item }) => item.status === 'resolved' && inWindow(item.resolvedAt, window));
  if (paid.length === 0 && paidForItself.length === 0) return null;
  const perResolver = new Map<string, number>();
  for (const { item } of paid) {
    if (item.resolvedBy) perResolver.set(item.resolvedBy, (perResolver.get(item.resolvedBy) ?? 0) + 1);
  }
  const resolvers = [...perResolver]
    .sort(([a, n], [b, m]) => m - n || byString(a, b))
    .map(([userId]) => userId);
  return {
    paidForItself: {
      entries: paidForItself.slice(0, DIGEST_CAPS.paidForItself),
      total: paidForItself.length,
    },
    celebratedIds: paidForItself.map((e) => e.item.id),
    count: paid.length,
    interest: paid.reduce((sum, { item }) => sum + (item.resolvedInterest ?? 0), 0),
    resolvers: { entries: resolvers.slice(0, DIGEST_CAPS.resolvers), total: resolvers.length },
  };
}

export function interestSection(
  items: readonly DigestItem[],
  settings: Pick<ChannelSettings, 'capacityHours'>,
  lastSnapshot: { week: string; interest: number } | null,
  interestSeries: readonly WeeklyInterest[],
): InterestSummary | null {
  const open = items.filter(({ item }) => isOpen(item.status));
  // With nothing open there is nothing to total, unless the drop to zero since last week is the news.
  if (open.length === 0 && lastSnapshot === null) return null;
  const total = totalOpenInterest(open);
  const capacity = settings.capacityHours;
  return {
    openCount: open.length,
    scoredCount: open.filter(({ score }) => score.interest !== null).length,
    total,
    capacityHours: capacity,
    shareOfCapacity: capacity === null ? null : total / capacity,
    change:
      lastSnapshot === null
        ? null
        : {
            sinceWeek: lastSnapshot.week,
            previous: lastSnapshot.interest,
            delta: total - lastSnapshot.interest,
          },
    outlook: assessOutlook(total, capacity, interestSeries),
  };
}

/**
 * Open and in-progress items in rank() order, sorted once: each list below filters it, and a filter keeps the
 * order, so every section shows its items in the one order of §1.4 without sorting priorities again.
 */
export function rankOpen(items: readonly DigestItem[]): DigestItem[] {
  return rank(items.filter(({ item }) => isOpen(item.status)));
}

/** Ranked items with status `open` (not in progress: §1.4), in rank() order. */
function rankedOpen(ordered: readonly DigestItem[]): DigestItem[] {
  return ordered.filter(({ item, score }) => item.status === 'open' && score.ranked);
}

export function nextUpSection(ordered: readonly DigestItem[], topN: number): DigestList<DigestEntry> | null {
  return capped(rankedOpen(ordered).map(entry), topN);
}

export function riskSection(
  ordered: readonly DigestItem[],
  nextUp: DigestList<DigestEntry> | null,
): DigestList<DigestEntry> | null {
  const listed = new Set(nextUp?.entries.map((e) => e.item.id) ?? []);
  const risky = ordered.filter(({ item, score }) => score.risk && !listed.has(item.id));
  return capped(risky.map(entry), DIGEST_CAPS.risk);
}

/** Oldest first is an age order, not a priority: createdAt (ISO in UTC, so string order is time order), then id. */
export function needsVotesSection(ordered: readonly DigestItem[]): DigestList<DigestEntry> | null {
  const unranked = ordered
    .filter(({ score }) => !score.ranked)
    .sort((a, b) => byString(a.item.createdAt, b.item.createdAt) || a.item.id - b.item.id);
  return capped(unranked.map(entry), DIGEST_CAPS.needsVotes);
}

export function needsDiscussionSection(ordered: readonly DigestItem[]): DigestList<DigestEntry> | null {
  const disputed = ordered.filter(({ score }) => score.disagreement.length > 0);
  return capped(disputed.map(entry), DIGEST_CAPS.needsDiscussion);
}

/** Greedy in priority order: an item bigger than what is left is skipped and the next one tried (§2.4). */
export function budgetSection(
  ordered: readonly DigestItem[],
  settings: Pick<ChannelSettings, 'capacityHours' | 'budgetPercent'>,
): BudgetSummary | null {
  const available = budgetHours(settings);
  if (available === null || settings.capacityHours === null) return null;
  const candidates = rankedOpen(ordered);
  if (candidates.length === 0) return null;
  const fits: DigestEntry[] = [];
  let used = 0;
  for (const candidate of candidates) {
    if (candidate.score.effortHours <= available - used + EPSILON) {
      fits.push(entry(candidate));
      used += candidate.score.effortHours;
    }
  }
  return {
    available,
    used,
    capacityHours: settings.capacityHours,
    budgetPercent: settings.budgetPercent,
    fits: { entries: fits.slice(0, DIGEST_CAPS.budget), total: fits.length },
    candidates: candidates.length,
  };
}

export function newThisWeekSection(items: readonly DigestItem[], window: Window): NewThisWeek | null {
  const counts = new Map<Category, number>();
  for (const { item } of items) {
    if (inWindow(item.createdAt, window)) counts.set(item.category, (counts.get(item.category) ?? 0) + 1);
  }
  const byCategory = CATEGORIES.flatMap(({ value }) => {
    const count = counts.get(value) ?? 0;
    return count > 0 ? [{ category: value, count }] : [];
  });
  const total = byCategory.reduce((sum, c) => sum + c.count, 0);
  return total === 0 ? null : { total, byCategory };
}

/** Open > 90 days and untouched for 30: the longest idle first; the sort is stable, so ties keep rank() order. */
export function staleSection(ordered: readonly DigestItem[], now: Date): DigestList<StaleEntry> | null {
  const openSince = now.getTime() - STALE_OPEN_DAYS * DAY_MS;
  const idleSince = now.getTime() - STALE_IDLE_DAYS * DAY_MS;
  const stale = ordered
    .map((d) => ({ d, active: Date.parse(d.lastActivityAt ?? d.item.createdAt) }))
    .filter(({ d, active }) => Date.parse(d.item.createdAt) < openSince && active <= idleSince)
    .sort((a, b) => a.active - b.active)
    .map(({ d, active }) => ({ ...entry(d), idleDays: Math.floor((now.getTime() - active) / DAY_MS) }));
  return capped(stale, DIGEST_CAPS.stale);
}
