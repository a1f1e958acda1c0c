// Shared wording for scores and items, so card, list and detail say the same thing the same way.
import { type Category, categoryLabel } from '../src/domain/categories.ts';
import { formatItemId, type Item, STATUS_LABELS } from '../src/domain/item.ts';
import {
  type Dimension,
  EFFORT_SCALE,
  FREQUENCY_SCALE,
  type Level,
  SEVERITY_SCALE,
} from '../src/domain/scales.ts';
import type { Score, Vote } from '../src/domain/scoring.ts';
import { escapeAndTruncate, escapeMrkdwn, mention } from './kit.ts';

export function hours(value: number): string {
  if (value >= 10) return `${Math.round(value)}`;
  if (value >= 1) return `${Math.round(value * 10) / 10}`;
  return `${Math.round(value * 100) / 100}`;
}

export function interestText(score: Score): string {
  if (score.interest === null) return 'needs votes';
  return `${hours(score.interest)} h/week${score.measured ? ' (measured)' : ''}`;
}

export function paybackText(score: Score): string {
  if (score.paybackWeeks === null) return '—';
  const weeks = score.paybackWeeks;
  const value = weeks < 1 ? `${hours(weeks * 7)} days` : `${hours(weeks)} weeks`;
  return `${value}${score.effortKnown ? '' : ' (effort?)'}`;
}

export function confidenceText(score: Score): string {
  const base = score.interest === null ? '—' : score.confidence;
  return score.disagreement.length > 0 ? `${base} · needs discussion` : base;
}

export function ownerText(item: Item): string {
  return item.ownerId ? mention(item.ownerId) : 'unassigned';
}

/** `DEBT-42 Title` with the title escaped for mrkdwn and cut to `max`. */
export function itemLabel(item: Item, max = 150): string {
  return `*${formatItemId(item.id)}* ${escapeAndTruncate(item.title, max)}`;
}

export function statusText(item: Item): string {
  return STATUS_LABELS[item.status];
}

/** Escaped: labels such as "Data & features" hold a raw `&`, which Slack asks to be sent as `&amp;`. */
/** A category's name, ready for mrkdwn. */
export function categoryText(category: Category): string {
  return escapeMrkdwn(categoryLabel(category));
}

/** One line summary used by lists: interest · payback · confidence · voters. */
export function scoreLine(score: Score): string {
  return [
    interestText(score),
    `payback ${paybackText(score)}`,
    `confidence ${confidenceText(score)}`,
    `${score.voters} voter${score.voters === 1 ? '' : 's'}`,
  ].join(' · ');
}

/** The bare §1.3 name of a level: 'Major', 'Daily', 'S'. */
export function scaleLabel(dimension: Dimension, level: Level): string {
  if (dimension === 'severity') return SEVERITY_SCALE[level - 1]?.label ?? '';
  if (dimension === 'frequency') return FREQUENCY_SCALE[level - 1]?.label ?? '';
  return EFFORT_SCALE[level - 1]?.size ?? 'M';
}

/** The short §1.3 label of a level: '4 Major', '4 Daily', 'S' (effort sizes carry no number). */
export function levelLabel(dimension: Dimension, level: Level): string {
  return dimension === 'effort' ? scaleLabel(dimension, level) : `${level} ${scaleLabel(dimension, level)}`;
}

/** Votes per level in one dimension: index 0 counts level 1. */
export function tallies(votes: readonly Vote[], dimension: Dimension): number[] {
  const counts = [0, 0, 0, 0, 0];
  for (const v of votes) if (v.dimension === dimension) counts[v.level - 1] = (counts[v.level - 1] ?? 0) + 1;
  return counts;
}

/** `Major ×2, Critical ×1`: the levels that got votes, or `empty` when none did. */
export function tallyText(votes: readonly Vote[], dimension: Dimension, empty: string): string {
  const parts = tallies(votes, dimension).flatMap((n, i) =>
    n > 0 ? [`${scaleLabel(dimension, (i + 1) as Level)} ×${n}`] : [],
  );
  return parts.length > 0 ? parts.join(', ') : empty;
}
