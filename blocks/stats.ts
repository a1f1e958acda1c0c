// `/debt stats` as a private message (SPEC §2.10): is the debt growing, what does it cost as a share of the
// team's week, what has paying it down saved — at a glance, with the trend chart when it could be uploaded.
import { DateTime } from 'luxon';
import { weekStartsOn } from '../src/domain/iso-week.ts';
import { STATUS_LABELS, STATUSES } from '../src/domain/item.ts';
import type { StatsModel } from '../src/domain/stats-model.ts';
import { categoryText, itemLabel } from './format.ts';
import {
  type Block,
  channelLink,
  context,
  header,
  type Message,
  message,
  section,
  slackImage,
} from './kit.ts';
import {
  num,
  outlookLines,
  paidForItselfLine,
  percent,
  plural,
  rateText,
  type UploadedChart,
} from './outlook.ts';

const CATEGORIES_SHOWN = 6;
const PAID_SHOWN = 3;
const TITLE = 60;

const scopeText = (model: StatsModel) => (model.channelId ? channelLink(model.channelId) : 'the workspace');

function countsLine(model: StatsModel): string {
  const parts = STATUSES.filter((s) => model.counts[s] > 0).map(
    (s) => `${model.counts[s].toLocaleString('en-US')} ${STATUS_LABELS[s].toLowerCase()}`,
  );
  return `:bar_chart: ${parts.join(' · ')}`;
}

function interestLines(model: StatsModel): string[] {
  const measured =
    model.measuredInterest > 0 ? ` (${num(model.measuredInterest)} of it measured from pain reports)` : '';
  const rate =
    model.outlook.rate !== null && model.capacity
      ? ` — ${rateText(model.outlook.rate, model.capacity.hours)}${model.capacity.channels > 1 || !model.channelId ? ` in ${plural(model.capacity.channels, 'channel')} with a capacity set` : ''}`
      : model.channelId
        ? ' — set a team capacity in `/debt config` to see it as a share of the week'
        : '';
  return [
    `:chart_with_upwards_trend: *Interest* · open debt costs *${num(model.openInterest)} h/week*${measured}${rate}`,
    ...outlookLines(model.outlook),
  ];
}

function categoryLines(model: StatsModel): string[] {
  if (model.byCategory.length === 0) return [];
  const shown = model.byCategory
    .slice(0, CATEGORIES_SHOWN)
    .map(
      (c) =>
        `• ${categoryText(c.category)} · ${num(c.interest)} h/week${model.openInterest > 0 ? ` (${percent(c.share)})` : ''} · ${plural(c.count, 'item')}`,
    );
  const rest = model.byCategory.length - shown.length;
  return [
    '*By category* (open items)',
    ...shown,
    ...(rest > 0 ? [`_…and ${plural(rest, 'more category', 'more categories')}_`] : []),
  ];
}

function paydownLines(model: StatsModel): string[] {
  const p = model.paydown;
  if (p.resolvedCount === 0)
    return [
      ':white_check_mark: *Paydown* · nothing resolved yet: every fix starts saving hours the week it lands.',
    ];
  const lead =
    `:white_check_mark: *Paydown* · ${plural(p.resolvedCount, 'item')} resolved, removing ${num(p.interestRemoved)} h/week; ` +
    `*${num(p.savedHours)} h saved* to date`;
  const paid = p.entries.filter((e) => e.paidForItself);
  const lines = paid.slice(0, PAID_SHOWN).map(paidForItselfLine);
  if (paid.length > PAID_SHOWN)
    lines.push(
      `_…and ${plural(paid.length - PAID_SHOWN, 'more fix', 'more fixes')} that paid for themselves_`,
    );
  return [lead, ...lines];
}

function oldestLines(model: StatsModel): string[] {
  if (model.oldest.length === 0) return [];
  return [
    ':hourglass: *Oldest open*',
    ...model.oldest.map(
      ({ item, ageDays }) => `• ${itemLabel(item, TITLE)} · open ${plural(ageDays, 'day')}`,
    ),
  ];
}

function chartNote(model: StatsModel): string {
  const since = model.trend.interestSince;
  const start = since
    ? `interest line from the week of ${DateTime.fromISO(weekStartsOn(since), { zone: 'utc' }).setLocale('en-US').toFormat('d LLL yyyy')} (weekly snapshots)`
    : 'the interest line starts with the first weekly snapshot';
  return `Last ${plural(model.trend.weeks.length, 'week')}: filed and resolved from item dates; ${start}.`;
}

export function statsFallback(model: StatsModel): string {
  if (model.empty) return 'Debt stats: nothing filed yet.';
  const rate = model.outlook.rate === null ? '' : `, interest rate ${percent(model.outlook.rate)}`;
  return `Debt stats: ${plural(model.counts.open + model.counts.in_progress, 'open item')} cost ${num(model.openInterest)} h/week${rate}; ${num(model.paydown.savedHours)} h saved so far`;
}

const PRIVACY_NOTE =
  "Items in private channels are left out, except those you reported or own; a workspace admin's view includes them.";

/** `chart` null with items: the upload failed, and the message says the chart is missing rather than hiding it. */
export function buildStatsMessage(model: StatsModel, chart: UploadedChart | null): Message {
  const blocks: Block[] = [header(`Debt stats · ${model.trend.scopeLabel}`)];
  if (model.empty) {
    blocks.push(
      section(
        `:wave: No debt filed in ${scopeText(model)} yet, so there is no trend to show. File the first item with \`/debt\` and the numbers start from there.`,
      ),
    );
    return message(statsFallback(model), blocks);
  }
  blocks.push(section([countsLine(model), ...interestLines(model)].join('\n')));
  const categories = categoryLines(model);
  if (categories.length > 0) blocks.push(section(categories.join('\n')));
  if (chart) blocks.push(slackImage(chart.fileId, chart.altText, `Debt trend · ${model.trend.scopeLabel}`));
  blocks.push(
    context([
      chart
        ? chartNote(model)
        : 'The trend chart could not be made right now; the numbers above are complete. Try again in a minute.',
    ]),
  );
  blocks.push(section(paydownLines(model).join('\n')));
  const oldest = oldestLines(model);
  if (oldest.length > 0) blocks.push(section(oldest.join('\n')));
  if (model.privateLeftOut) blocks.push(context([PRIVACY_NOTE]));
  return message(statsFallback(model), blocks);
}
