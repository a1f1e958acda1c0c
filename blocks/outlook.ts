// The sentences of SPEC §1.8 shared by the digest and `/debt stats`: interest rate, spiral warning, projection,
// and fixes that paid for themselves. One wording for both surfaces.
import { DateTime } from 'luxon';
import type { DebtOutlook, Projection } from '../src/domain/debt-outlook.ts';
import { formatItemId } from '../src/domain/item.ts';
import type { PaydownEntry } from '../src/domain/paydown.ts';
import { hours } from './format.ts';
import { escapeAndTruncateAtWord, mention } from './kit.ts';

const TITLE = 45;

/** The trend chart as uploaded to Slack (src/features/history/trend-chart.ts), for an image block. */
export interface UploadedChart {
  fileId: string;
  altText: string;
}

export const plural = (n: number, one: string, many = `${one}s`): string =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

export function percent(share: number): string {
  const pct = share * 100;
  return pct > 0 && pct < 1 ? '< 1%' : `${Math.round(pct)}%`;
}

/** Hours as format.ts writes them, with thousands separated: totals of a big backlog run to 5 digits. */
export const num = (value: number): string =>
  Math.abs(value) >= 1000 ? Math.round(value).toLocaleString('en-US') : hours(value);

/** `interest rate 34% of the team's 120 h/week`. */
export function rateText(rate: number, capacityHours: number): string {
  return `interest rate *${percent(rate)}* of the team's ${num(capacityHours)} h/week`;
}

const weekOf = (startsOn: string): string =>
  DateTime.fromISO(startsOn, { zone: 'utc' }).setLocale('en-US').toFormat('d LLL yyyy');

function projectionText(p: Projection): string {
  return (
    `Straight-line projection: at +${num(p.weeklyChange)} h/week more each week (the last 4 weeks' average), ` +
    `the interest rate reaches 50% in the week of ${weekOf(p.startsOn)}.`
  );
}

/** The spiral warning and the projection, one line each; empty when there is nothing to warn about. */
export function outlookLines(outlook: DebtOutlook): string[] {
  const reasons: string[] = [];
  if (outlook.warnings.includes('rate')) reasons.push('the debt eats half the team’s week or more');
  if (outlook.warnings.includes('rising')) reasons.push('open interest rose in each of the last 3 weeks');
  const lines =
    reasons.length > 0
      ? [`:rotating_light: *Debt spiral* · ${reasons.join(', and ')}. Pay some down before it compounds.`]
      : [];
  if (outlook.projection) lines.push(`:crystal_ball: ${projectionText(outlook.projection)}`);
  return lines;
}

/** `DEBT-12 Title has paid for itself: 52 h saved for a 24 h fix. Thanks @dana!` */
export function paidForItselfLine(entry: PaydownEntry): string {
  const thanks = entry.item.resolvedBy ? ` Thanks ${mention(entry.item.resolvedBy)}!` : '';
  return (
    `:tada: *${formatItemId(entry.item.id)}* ${escapeAndTruncateAtWord(entry.item.title, TITLE)} has paid for itself: ` +
    `${num(entry.savedHours)} h saved for a ${num(entry.effortHours)} h fix.${thanks}`
  );
}
