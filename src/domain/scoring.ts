// Turns votes and pain reports into interest, payback, priority and the one ordering of SPEC §1.4. Pure.
import type { Item } from './item.ts';
import {
  DEFAULT_EFFORT_HOURS,
  type Dimension,
  effortHours,
  frequencyPerWeek,
  type Level,
  severityHours,
} from './scales.ts';

export interface Vote {
  userId: string;
  dimension: Dimension;
  level: Level;
}

export interface PainReport {
  userId: string;
  hours: number;
  /** ISO instant, UTC. */
  at: string;
}

export type Confidence = 'low' | 'medium' | 'high';

export interface Score {
  /** Distinct people with a severity or frequency vote: what people are shown as "N voters". */
  voters: number;
  /**
   * The people counted for quorum: the voters, plus, when the interest is measured, everyone with a pain
   * report in the measured window (each person once). Equal to `voters` when the interest is voted.
   */
  quorumCount: number;
  /** Has an interest: severity and frequency both have votes, or the interest is measured (§1.4). */
  scored: boolean;
  /** Scored and quorumCount ≥ quorum: only ranked items are ordered by priority. */
  ranked: boolean;
  /** Median of the votes; null without such votes, which a measured item may be scored without. */
  severityHours: number | null;
  frequencyPerWeek: number | null;
  effortHours: number;
  /** False when no effort vote exists and the fixed default was used ("effort?"). */
  effortKnown: boolean;
  /** Hours lost per week: measured when `measured`, else voted; null exactly when not scored (never 0). */
  interest: number | null;
  measured: boolean;
  priority: number | null;
  paybackWeeks: number | null;
  disagreement: Dimension[];
  confidence: Confidence;
  risk: boolean;
}

export const MEASURED_WINDOW_DAYS = 28;
const MEASURED_MIN_REPORTS = 3;
const MEASURED_MIN_REPORTERS = 2;
const DISAGREEMENT_SPREAD = 3;
const HIGH_CONFIDENCE_VOTERS = 5;

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? 0) + upper) / 2;
}

function spread(levels: readonly number[]): number {
  return levels.length === 0 ? 0 : Math.max(...levels) - Math.min(...levels);
}

interface Measurement {
  /** Hours per week. */
  interest: number;
  /** Who reported pain inside the window: they count toward quorum (§1.4). */
  reporters: ReadonlySet<string>;
}

/** ≥ 3 reports from ≥ 2 people in the last 28 days, or null when the evidence is short of that. */
function measure(reports: readonly PainReport[], now: Date): Measurement | null {
  const since = now.getTime() - MEASURED_WINDOW_DAYS * 86_400_000;
  const recent = reports.filter((r) => {
    const at = Date.parse(r.at);
    return at > since && at <= now.getTime();
  });
  const reporters = new Set(recent.map((r) => r.userId));
  if (recent.length < MEASURED_MIN_REPORTS || reporters.size < MEASURED_MIN_REPORTERS) return null;
  return { interest: recent.reduce((sum, r) => sum + r.hours, 0) / (MEASURED_WINDOW_DAYS / 7), reporters };
}

/** Measured interest (§1.4): ≥ 3 reports from ≥ 2 people in the last 28 days, as hours per week. */
export function measuredInterest(reports: readonly PainReport[], now: Date): number | null {
  return measure(reports, now)?.interest ?? null;
}

export function scoreItem(
  votes: readonly Vote[],
  reports: readonly PainReport[],
  quorum: number,
  now: Date,
): Score {
  const levels = (d: Dimension) => votes.filter((v) => v.dimension === d).map((v) => v.level);
  const sev = levels('severity');
  const freq = levels('frequency');
  const eff = levels('effort');
  const voterIds = new Set(votes.filter((v) => v.dimension !== 'effort').map((v) => v.userId));
  const voters = voterIds.size;

  const sevHours = median(sev.map(severityHours));
  const freqPerWeek = median(freq.map(frequencyPerWeek));
  const effortMedian = median(eff.map(effortHours));
  const effort = effortMedian ?? DEFAULT_EFFORT_HOURS;
  const voted = sevHours !== null && freqPerWeek !== null ? sevHours * freqPerWeek : null;
  const measured = measure(reports, now);
  const interest = measured?.interest ?? voted;
  const scored = interest !== null;
  // Measured evidence from two or more people outweighs missing votes: reporters count toward quorum,
  // a person who both voted and reported once.
  const quorumCount = measured ? new Set([...voterIds, ...measured.reporters]).size : voters;

  const disagreement = (['severity', 'frequency', 'effort'] as const).filter((d) => {
    const l = levels(d);
    return l.length >= 2 && spread(l) >= DISAGREEMENT_SPREAD;
  });
  const ranked = scored && quorumCount >= quorum;
  const confidence: Confidence =
    !ranked || disagreement.length > 0
      ? 'low'
      : voters >= HIGH_CONFIDENCE_VOTERS && spread(sev) <= 1 && spread(freq) <= 1
        ? 'high'
        : 'medium';
  const criticals = sev.filter((l) => l === 5).length;

  return {
    voters,
    quorumCount,
    scored,
    ranked,
    severityHours: sevHours,
    frequencyPerWeek: freqPerWeek,
    effortHours: effort,
    effortKnown: effortMedian !== null,
    interest,
    measured: measured !== null,
    priority: interest === null ? null : interest / effort,
    paybackWeeks: interest === null || interest === 0 ? null : effort / interest,
    disagreement,
    confidence,
    risk: sev.length > 0 && criticals * 2 >= sev.length,
  };
}

export interface Scored {
  item: Pick<Item, 'id' | 'createdAt'>;
  score: Score;
}

/**
 * The sort key of a priority: rounded to 12 significant digits, so that priorities equal on paper but
 * reached by different float paths (0.15/24 vs 0.0125/2, or report hours summed in another order) tie and
 * fall through to the next rule, as §1.4 says. A function of one value, so the order stays transitive.
 */
function priorityKey(priority: number | null): number {
  return priority === null ? -1 : Number(priority.toPrecision(12));
}

/**
 * The one deterministic order (§1.4): ranked before unranked; then priority desc, severityHours desc,
 * voters desc, effortHours asc, createdAt asc, id asc. A missing figure sorts below any real one.
 */
export function compareScored(a: Scored, b: Scored): number {
  return compareKeys(sortKey(a), sortKey(b));
}

interface SortKey {
  ranked: number;
  priority: number;
  severity: number;
  voters: number;
  effort: number;
  createdAt: string;
  id: number;
}

function sortKey({ item, score }: Scored): SortKey {
  return {
    ranked: Number(score.ranked),
    priority: priorityKey(score.priority),
    severity: score.severityHours ?? -1,
    voters: score.voters,
    effort: score.effortHours,
    createdAt: item.createdAt,
    id: item.id,
  };
}

function compareKeys(a: SortKey, b: SortKey): number {
  return (
    b.ranked - a.ranked ||
    b.priority - a.priority ||
    b.severity - a.severity ||
    b.voters - a.voters ||
    a.effort - b.effort ||
    // ISO instants in one format order as plain strings; no locale may change that.
    (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0) ||
    a.id - b.id
  );
}

/** Sorts by compareScored, computing each entry's key once (10,000 items sort in a few ms). */
export function rank<T extends Scored>(entries: readonly T[]): T[] {
  return entries
    .map((entry) => ({ entry, key: sortKey(entry) }))
    .sort((a, b) => compareKeys(a.key, b.key))
    .map(({ entry }) => entry);
}
