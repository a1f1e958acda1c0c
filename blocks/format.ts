// Shared wording for scores and items: one format per thing (SPEC §2.5 "one language"), so card, list,
// detail, receipt, digest and Home say the same thing the same way. Other surfaces import these; keep names.
import { DateTime } from 'luxon';
import { type Category, categoryLabel } from '../src/domain/categories.ts';
import { cardPermalink, formatItemId, type Item, STATUS_LABELS } from '../src/domain/item.ts';
import {
  type Dimension,
  EFFORT_SCALE,
  FREQUENCY_SCALE,
  type Level,
  SEVERITY_SCALE,
} from '../src/domain/scales.ts';
import type { Score, Vote } from '../src/domain/scoring.ts';
import { escapeAndTruncateAtWord, escapeMrkdwn, link, mention } from './kit.ts';

export function hours(value: number): string {
  if (value >= 10) return `${Math.round(value)}`;
  if (value >= 1) return `${Math.round(value * 10) / 10}`;
  return `${Math.round(value * 100) / 100}`;
}

const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** What an unscored item lacks (SPEC §2.3): "needs a frequency vote"; null once it has an interest. */
export function missingVotesText(score: Score): string | null {
  if (score.interest !== null) return null;
  if (score.severityHours === null && score.frequencyPerWeek === null)
    return 'needs severity and frequency votes';
  return score.severityHours === null ? 'needs a severity vote' : 'needs a frequency vote';
}

/** "4 h/week", "2.5 h/week (measured)", or what is missing — never an interest of 0 (§1.4). */
export function interestText(score: Score): string {
  if (score.interest === null) return missingVotesText(score) ?? 'needs votes';
  return `${hours(score.interest)} h/week${score.measured ? ' (measured)' : ''}`;
}

/** Working days per week: the frequency scale's *Daily* is 5 a week, so a payback reads in the same days. */
const WORKING_DAYS_PER_WEEK = 5;

/** "6 weeks", "1 week", "3 working days": how long the fix takes to pay for itself. */
function paybackDuration(weeks: number): string {
  if (weeks >= 1) {
    const w = hours(weeks);
    return `${w} week${w === '1' ? '' : 's'}`;
  }
  const workingDays = weeks * WORKING_DAYS_PER_WEEK;
  // "0.03 working days" is noise: under one day the fix pays back the day it lands.
  if (workingDays < 1) return 'under a working day';
  const days = hours(workingDays);
  return `${days} working day${days === '1' ? '' : 's'}`;
}

export function paybackText(score: Score): string {
  if (score.paybackWeeks === null) return '—';
  return `${paybackDuration(score.paybackWeeks)}${score.effortKnown ? '' : ' (effort?)'}`;
}

export function confidenceText(score: Score): string {
  const base = score.interest === null ? '—' : score.confidence;
  return score.disagreement.length > 0 ? `${base} · needs discussion` : base;
}

export function ownerText(item: Item): string {
  return item.ownerId ? mention(item.ownerId) : 'unassigned';
}

/** The card's permalink (its thread lives under it), when the workspace URL is known and the card is still there. */
export const threadUrl = cardPermalink;

/**
 * `*DEBT-42* Title`: the title escaped and cut at a word boundary to `max`; the id links to the card's
 * thread when `workspaceUrl` is given and the card exists (SPEC §2.5: every id links to its card).
 */
export function itemLabel(item: Item, max = 150, workspaceUrl: string | null = null): string {
  const id = formatItemId(item.id);
  const url = threadUrl(item, workspaceUrl);
  return `*${url ? link(url, id) : id}* ${escapeAndTruncateAtWord(item.title, max)}`;
}

export function statusText(item: Item): string {
  return STATUS_LABELS[item.status];
}

/** A category's name, ready for mrkdwn: labels such as "Data & features" hold a raw `&`, sent as `&amp;`. */
export function categoryText(category: Category): string {
  return escapeMrkdwn(categoryLabel(category));
}

/**
 * Effort as size then hours: "M (24 h)". A median between two sizes (an even number of votes) names both,
 * "S–M (16 h)"; without effort votes the assumed M is marked: "M? (24 h assumed)" (SPEC §1.4 "effort?").
 */
export function effortText(effortHours: number, known: boolean): string {
  if (!known) return `M? (${hours(effortHours)} h assumed)`;
  const exact = EFFORT_SCALE.find((s) => s.hours === effortHours);
  if (exact) return `${exact.size} (${hours(effortHours)} h)`;
  const above = EFFORT_SCALE.findIndex((s) => s.hours > effortHours);
  const upper = EFFORT_SCALE[above]?.size ?? 'XL';
  const lower = EFFORT_SCALE[above - 1]?.size ?? 'XS';
  return `${lower}–${upper} (${hours(effortHours)} h)`;
}

/** The bare §1.3 name of a level: 'Major', 'Daily', 'S'. */
export function scaleLabel(dimension: Dimension, level: Level): string {
  if (dimension === 'severity') return SEVERITY_SCALE[level - 1]?.label ?? '';
  if (dimension === 'frequency') return FREQUENCY_SCALE[level - 1]?.label ?? '';
  return EFFORT_SCALE[level - 1]?.size ?? 'M';
}

/** The one label of a vote level: "3 · Moderate", "4 · Daily", and effort as "M (24 h)". */
export function levelText(dimension: Dimension, level: Level): string {
  if (dimension === 'effort') return effortText(EFFORT_SCALE[level - 1]?.hours ?? 24, true);
  return `${level} · ${scaleLabel(dimension, level)}`;
}

/** A frequency rate: "1 a week", "0.05 a week". */
export function perWeekText(perWeek: number): string {
  return `${hours(perWeek)} a week`;
}

/**
 * The one-line summary of an item's numbers (SPEC §2.3): "4 h/week · fix M (24 h) · pays back in 6 weeks ·
 * medium confidence, 3 voters", or what is missing: "needs a frequency vote · fix M (24 h) · 1 voter".
 */
export function scoreLine(score: Score): string {
  const fix = `fix ${effortText(score.effortHours, score.effortKnown)}`;
  const voters = count(score.voters, 'voter');
  const missing = missingVotesText(score);
  if (missing !== null || score.paybackWeeks === null)
    return [missing ?? interestText(score), fix, voters].join(' · ');
  const discussion = score.disagreement.length > 0 ? ' · needs discussion' : '';
  return `${interestText(score)} · ${fix} · pays back in ${paybackDuration(score.paybackWeeks)} · ${score.confidence} confidence, ${voters}${discussion}`;
}

/** The fallback of a date token, and the one time format where Slack cannot localise: "4 Dec 2026 18:58 UTC". */
export function dateText(date: Date, zone = 'UTC'): string {
  const inZone = DateTime.fromJSDate(date, { zone });
  // An unknown zone falls back to UTC rather than printing "Invalid DateTime". en-US: "Sep", never "Sept".
  const dt = (inZone.isValid ? inZone : DateTime.fromJSDate(date, { zone: 'utc' })).setLocale('en-US');
  return `${dt.toFormat('d LLL yyyy HH:mm')} ${escapeMrkdwn(dt.zoneName ?? 'UTC')}`;
}

/**
 * A time in mrkdwn: Slack's date token, which each viewer sees in their own zone, with the fallback in
 * `zone` for clients that cannot render it. App-made, so it may carry `<!`; user text never can (escaped).
 */
export function slackDate(date: Date | string, zone = 'UTC'): string {
  const at = typeof date === 'string' ? new Date(date) : date;
  if (Number.isNaN(at.getTime())) return 'an unknown time';
  return `<!date^${Math.floor(at.getTime() / 1000)}^{date_short_pretty} {time}|${dateText(at, zone)}>`;
}

/** Votes per level in one dimension: index 0 counts level 1. */
export function tallies(votes: readonly Vote[], dimension: Dimension): number[] {
  const counts = [0, 0, 0, 0, 0];
  for (const v of votes) if (v.dimension === dimension) counts[v.level - 1] = (counts[v.level - 1] ?? 0) + 1;
  return counts;
}

/** `4 · Major ×2, 5 · Critical ×1`: the levels that got votes, or `empty` when none did. */
export function tallyText(votes: readonly Vote[], dimension: Dimension, empty: string): string {
  const parts = tallies(votes, dimension).flatMap((n, i) =>
    n > 0 ? [`${levelText(dimension, (i + 1) as Level)} ×${n}`] : [],
  );
  return parts.length > 0 ? parts.join(', ') : empty;
}
