// Paydown realised (SPEC §1.8): what resolving debt has saved so far, and which fixes have paid for themselves.
import type { Item } from './item.ts';
import type { Score } from './scoring.ts';

/** Savings stop counting after a year: a fix's effect on a system that old is anyone's guess. */
export const SAVINGS_CAP_WEEKS = 52;
const WEEK_MS = 7 * 86_400_000;

export interface PaydownEntry {
  item: Item;
  /** Interest when resolved, h/week. */
  interest: number;
  effortHours: number;
  savedHours: number;
  paidForItself: boolean;
  /** When the savings reached the effort (resolved + effort ÷ interest weeks); null without an interest. */
  paidOffAt: Date | null;
}

export interface Paydown {
  /** Items resolved (won't-fix saves nothing and is not counted). */
  resolvedCount: number;
  /** h/week removed by those resolutions, as scored when resolved. */
  interestRemoved: number;
  savedHours: number;
  /** Resolved items that had an interest, most hours saved first, then by id. */
  entries: PaydownEntry[];
}

/** Hours saved = interest when resolved × weeks since (capped); a fix pays for itself once that reaches its effort. */
export function hoursSaved(interest: number, resolvedAt: string, now: Date): number {
  const weeks = Math.max(0, (now.getTime() - Date.parse(resolvedAt)) / WEEK_MS);
  return interest * Math.min(SAVINGS_CAP_WEEKS, weeks);
}

export function paydownRealised(
  items: readonly { item: Item; score: Pick<Score, 'effortHours'> }[],
  now: Date,
): Paydown {
  const resolved = items.filter(({ item }) => item.status === 'resolved' && item.resolvedAt !== null);
  const entries: PaydownEntry[] = [];
  for (const { item, score } of resolved) {
    if (item.resolvedInterest === null || item.resolvedAt === null) continue;
    const savedHours = hoursSaved(item.resolvedInterest, item.resolvedAt, now);
    const weeksToPayOff = item.resolvedInterest > 0 ? score.effortHours / item.resolvedInterest : null;
    entries.push({
      paidOffAt:
        weeksToPayOff === null || weeksToPayOff > SAVINGS_CAP_WEEKS
          ? null
          : new Date(Date.parse(item.resolvedAt) + weeksToPayOff * WEEK_MS),
      item,
      interest: item.resolvedInterest,
      effortHours: score.effortHours,
      savedHours,
      paidForItself: savedHours >= score.effortHours,
    });
  }
  entries.sort((a, b) => b.savedHours - a.savedHours || a.item.id - b.item.id);
  const byId = [...entries].sort((a, b) => a.item.id - b.item.id);
  return {
    resolvedCount: resolved.length,
    interestRemoved: byId.reduce((sum, e) => sum + e.interest, 0),
    savedHours: byId.reduce((sum, e) => sum + e.savedHours, 0),
    entries,
  };
}
