// The weekly digest message (SPEC §2.4): one screen, sections with nothing in them left out, every list capped.
import { DateTime } from 'luxon';
import type { DigestModel } from '../src/domain/digest.ts';
import {
  budgetBlock,
  interestBlock,
  needsDiscussionBlock,
  needsVotesBlock,
  newThisWeekBlock,
  nextUpBlocks,
  num,
  paidDownBlock,
  plural,
  riskBlock,
  staleBlock,
} from './digest-section-blocks.ts';
import { slackDate } from './format.ts';
import {
  type Block,
  context,
  divider,
  escapeMrkdwn,
  header,
  type Message,
  message,
  section,
  slackImage,
} from './kit.ts';
import type { UploadedChart } from './outlook.ts';

export interface DigestLinks {
  /** e.g. `https://acme.slack.com/` (auth.test's url); null when unknown: items are then not linked. */
  workspaceUrl: string | null;
  /** The trend chart, shown after the Interest section; a digest without it (upload failed, manual digest) is complete too. */
  chart?: UploadedChart | null;
  /** A private `/debt digest` preview: says so, and how to share it, instead of "posted on request". */
  preview?: boolean;
}

/** Missed weeks named in the note; more become "and N more". */
const MISSED_WEEKS_SHOWN = 4;

/** A date in the channel's zone (en-US: "Sep", as format.ts dates); an unknown zone falls back to UTC. */
function local(date: Date, zone: string): DateTime {
  const dt = DateTime.fromJSDate(date, { zone }).setLocale('en-US');
  return dt.isValid ? dt : DateTime.fromJSDate(date, { zone: 'utc' }).setLocale('en-US');
}

const day = (date: Date, zone: string): string => local(date, zone).toFormat('d LLL');

function title(model: DigestModel): string {
  return model.kind === 'scheduled'
    ? `week of ${day(model.window.start, model.timezone)}`
    : `7 days to ${day(model.window.end, model.timezone)}`;
}

/** The window as date tokens (each reader's own zone), the fallback in the channel's zone. */
function periodText(model: DigestModel, preview: boolean): string {
  const period = `${slackDate(model.window.start, model.timezone)} – ${slackDate(model.window.end, model.timezone)}`;
  if (preview)
    return `Preview, only you can see this: the digest for ${period}. \`/debt digest post\` shares it in the channel; the weekly digest is unchanged`;
  return model.kind === 'scheduled'
    ? `Weekly digest for ${period}`
    : `Posted on request, covering ${period}; the weekly digest is unchanged`;
}

function missedNote(weeks: readonly string[]): Block | null {
  if (weeks.length === 0) return null;
  const shown = weeks.slice(0, MISSED_WEEKS_SHOWN).map(escapeMrkdwn);
  const rest = weeks.length - shown.length;
  const list =
    rest > 0 ? `${shown.join(', ')} and ${rest} more` : shown.join(', ').replace(/, ([^,]*)$/, ' and $1');
  const subject = weeks.length === 1 ? `The digest of ${list} was` : `The digests of ${list} were`;
  return context([`:warning: ${subject} skipped: the app was down for over 24 hours when it was due.`]);
}

function fallbackText(model: DigestModel): string {
  if (model.empty) return 'Debt digest: no debt filed in this channel yet. File the first with /debt';
  const lead = `Debt digest for the ${title(model)}`;
  const summary: string[] = [];
  if (model.interest) {
    summary.push(`${plural(model.interest.openCount, 'open item')} cost ${num(model.interest.total)} h/week`);
  }
  if (model.paidDown && model.paidDown.count > 0)
    summary.push(`${model.paidDown.count.toLocaleString('en-US')} paid down`);
  return `${lead}: ${summary.length > 0 ? summary.join(', ') : 'nothing to report'}`;
}

const INVITATION =
  ':wave: No debt filed in this channel yet. Something slowing the team down — a flaky pipeline, a magic ' +
  "number, a model nobody can retrain? File it with `/debt` and let the team vote on what's worth fixing first.";

export function buildDigestMessage(model: DigestModel, links: DigestLinks): Message {
  const url = links.workspaceUrl;
  const fallback = links.preview ? `Preview: ${fallbackText(model)}` : fallbackText(model);
  const blocks: Block[] = [
    header(`Debt digest · ${title(model)}`),
    context([periodText(model, links.preview === true)]),
  ];
  const missed = missedNote(model.missedWeeks);
  if (missed) blocks.push(missed);
  if (model.empty) {
    blocks.push(section(INVITATION));
    return message(fallback, blocks);
  }

  const summary = [
    model.paidDown && paidDownBlock(model.paidDown),
    model.interest && interestBlock(model.interest),
    links.chart ? slackImage(links.chart.fileId, links.chart.altText, 'Debt trend, last 12 weeks') : null,
  ].filter((b): b is Block => b !== null);
  const lists = [
    ...(model.nextUp ? nextUpBlocks(model.nextUp, url) : []),
    model.risk && riskBlock(model.risk, url),
    model.needsVotes && needsVotesBlock(model.needsVotes, url),
    model.needsDiscussion && needsDiscussionBlock(model.needsDiscussion, url),
    model.budget && budgetBlock(model.budget, url),
    model.newThisWeek && newThisWeekBlock(model.newThisWeek),
    model.stale && staleBlock(model.stale, url),
  ].filter((b): b is Block => b !== null);

  if (summary.length === 0 && lists.length === 0) {
    blocks.push(
      section('Nothing to report: no open debt, and nothing was filed or paid down in this period.'),
    );
  } else {
    blocks.push(...summary);
    if (summary.length > 0 && lists.length > 0) blocks.push(divider());
    blocks.push(...lists);
    blocks.push(
      context([
        "Ranked by priority = interest ÷ effort · vote in an item's thread to move it · `/debt list` for the full list",
      ]),
    );
  }
  return message(fallback, blocks);
}
