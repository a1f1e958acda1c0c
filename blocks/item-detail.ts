// `/debt show DEBT-42`: the full card with votes, interest and history, as an ephemeral message.
import { formatItemId, type HistoryEvent, type Item, isOpen, STATUS_LABELS } from '../src/domain/item.ts';
import { DIMENSIONS } from '../src/domain/scales.ts';
import { MEASURED_WINDOW_DAYS, type PainReport, type Score, type Vote } from '../src/domain/scoring.ts';
import { buildCard } from './card.ts';
import { effortText, hours, missingVotesText, perWeekText, slackDate, tallyText } from './format.ts';
import {
  type Block,
  channelLink,
  context,
  divider,
  escapeAndTruncate,
  escapeAndTruncateAtWord,
  link,
  type Message,
  mention,
  message,
  section,
} from './kit.ts';
import { SLACK_LIMITS } from './limits.ts';

export interface ItemDetailModel {
  item: Item;
  score: Score;
  votes: Vote[];
  /** Pain reports, oldest first (SPEC §1.5). */
  pain?: readonly PainReport[];
  history: HistoryEvent[];
  /** Link to the card in its channel (its vote thread lives under it), when it was posted. */
  permalink: string | null;
  /** For the "last 28 days" count: passed in, never read from the clock here. */
  now: Date;
}

const HISTORY_SHOWN = 15;
const HISTORY_HEADING = '*History*';

function historyLine(event: HistoryEvent): string {
  const what = event.kind.replace('_', ' ');
  const subject = event.subjectId ? ` ${mention(event.subjectId)}` : '';
  const detail = event.detail ? ` (${escapeAndTruncate(event.detail, 120)})` : '';
  const note = event.note ? ` — “${escapeAndTruncate(event.note, 200)}”` : '';
  return `${slackDate(event.at)} · ${what}${subject}${detail} by ${mention(event.actorId)}${note}`;
}

/**
 * The newest events, oldest first: at most HISTORY_SHOWN, and only as many whole lines as fit one section
 * (long notes would otherwise push the newest events past the 3000-char cut, or cut a line in half).
 */
function recentHistory(history: HistoryEvent[]): string[] {
  const lines: string[] = [];
  let length = HISTORY_HEADING.length;
  for (const event of history.slice(-HISTORY_SHOWN).reverse()) {
    const line = historyLine(event);
    if (length + 1 + line.length > SLACK_LIMITS.sectionText) break;
    lines.unshift(line);
    length += 1 + line.length;
  }
  return lines;
}

const PAIN_SHOWN = 5;

function painSummary(pain: readonly PainReport[], now: Date): string {
  const since = now.getTime() - MEASURED_WINDOW_DAYS * 86_400_000;
  const recent = pain.filter((p) => Date.parse(p.at) > since);
  const people = new Set(recent.map((p) => p.userId)).size;
  const lines = pain
    .slice(-PAIN_SHOWN)
    .reverse()
    .map((p) => `${slackDate(p.at)} · ${mention(p.userId)} · ${hours(p.hours)} h`);
  return [
    `*It bit us* — ${pain.length} report${pain.length === 1 ? '' : 's'}; ${recent.length} from ${people} ${people === 1 ? 'person' : 'people'} in the last ${MEASURED_WINDOW_DAYS} days (3 from 2 people make the interest measured)`,
    ...lines,
  ].join('\n');
}

/** "4 h/week = severity 4 h (median) × frequency 1 a week (median)": the voted interest and where it comes from. */
function votedInterest(score: Score): string | null {
  if (score.severityHours === null || score.frequencyPerWeek === null) return null;
  const interest = score.severityHours * score.frequencyPerWeek;
  return `${hours(interest)} h/week = severity ${hours(score.severityHours)} h (median) × frequency ${perWeekText(score.frequencyPerWeek)} (median)`;
}

/**
 * Where a scored item's interest comes from. A measured item may have no severity or frequency votes (§1.4),
 * so the voted figure is only named when both exist.
 */
function scoreBasis(score: Score): string {
  const voted = votedInterest(score);
  if (!score.measured || score.interest === null) return voted ? `Interest ${voted}` : 'No interest yet';
  const measured = `Measured interest ${hours(score.interest)} h/week (hours reported in the last ${MEASURED_WINDOW_DAYS} days ÷ 4 weeks)`;
  return voted
    ? `${measured}, in place of the voted ${voted}`
    : `${measured}; no severity and frequency votes yet`;
}

/** A private message cannot be voted in: say where the buttons are, linked when Slack gave a permalink. */
function whereToVote(item: Item, permalink: string | null): string {
  const channel = channelLink(item.channelId);
  if (!isOpen(item.status))
    return `Voting is frozen while the item is ${STATUS_LABELS[item.status].toLowerCase()}.`;
  if (item.votingClosed) return `Voting is closed; it can be reopened from the card's thread in ${channel}.`;
  if (permalink) return `Vote in ${link(permalink, "the card's thread")} in ${channel}.`;
  if (item.card && !item.card.orphaned) return `Vote in the card's thread in ${channel}.`;
  return `The card is not in ${channel}, so there is no thread to vote in yet.`;
}

/** Room for the description: the detail shows more than the card, yet a maximal item still fits one message. */
const DESCRIPTION_SHOWN = 1000;

export function buildItemDetail(model: ItemDetailModel): Message {
  const { item, score } = model;
  const card = buildCard({ item, score, pain: model.pain ?? [] });
  // The detail reuses the card's content but not its buttons: ephemeral copies must not act on the item.
  const cardBlocks = card.blocks.filter((b) => b.type !== 'actions');
  const missing = missingVotesText(score);
  const figures = [
    '*Votes*',
    ...DIMENSIONS.map(
      (d) => `${d[0]?.toUpperCase()}${d.slice(1)}: ${tallyText(model.votes, d, 'no votes yet')}`,
    ),
    missing === null
      ? `${scoreBasis(score)}; fix ${effortText(score.effortHours, score.effortKnown)}`
      : `Not scored yet: it ${missing}.`,
    ...(score.quorumCount > score.voters
      ? [
          `Quorum counts ${score.quorumCount} people: ${score.voters} voter${score.voters === 1 ? '' : 's'} and those who reported pain in the last ${MEASURED_WINDOW_DAYS} days`,
        ]
      : []),
  ];
  const shown = recentHistory(model.history);
  const blocks: Block[] = [
    ...cardBlocks,
    ...(item.description ? [section(escapeAndTruncateAtWord(item.description, DESCRIPTION_SHOWN))] : []),
    ...(item.links.length > 0 ? [context(item.links.map((url, i) => link(url, `link ${i + 1}`)))] : []),
    section(figures.join('\n')),
    ...(model.pain && model.pain.length > 0 ? [section(painSummary(model.pain, model.now))] : []),
    context([whereToVote(item, model.permalink)]),
    divider(),
    section([HISTORY_HEADING, ...shown].join('\n')),
    ...(model.history.length > shown.length
      ? [context([`${model.history.length - shown.length} earlier events not shown`])]
      : []),
  ];
  return message(`${formatItemId(item.id)} details`, blocks);
}
