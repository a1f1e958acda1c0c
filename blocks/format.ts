// Shared wording for scores and items, so card, list and detail say the same thing the same way.
import { categoryLabel } from '../src/domain/categories.ts';
import { formatItemId, type Item, STATUS_LABELS } from '../src/domain/item.ts';
import type { Score } from '../src/domain/scoring.ts';
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
export function categoryText(item: Item): string {
  return escapeMrkdwn(categoryLabel(item.category));
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
