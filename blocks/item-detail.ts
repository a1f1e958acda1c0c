// `/debt show DEBT-42`: the full card with votes, interest and history, as an ephemeral message.
import { formatItemId, type HistoryEvent, type Item } from '../src/domain/item.ts';
import { DIMENSIONS } from '../src/domain/scales.ts';
import { MEASURED_WINDOW_DAYS, type PainReport, type Score, type Vote } from '../src/domain/scoring.ts';
import { buildCard } from './card.ts';
import { hours, tallyText } from './format.ts';
import {
  type Block,
  context,
  divider,
  escapeAndTruncate,
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
  /** Link to the card in its channel, when it was posted. */
  permalink: string | null;
  /** For the "last 28 days" count: passed in, never read from the clock here. */
  now: Date;
}

const HISTORY_SHOWN = 15;
const HISTORY_HEADING = '*History*';

function historyLine(event: HistoryEvent): string {
  const when = event.at.slice(0, 16).replace('T', ' ');
  const what = event.kind.replace('_', ' ');
  const subject = event.subjectId ? ` ${mention(event.subjectId)}` : '';
  const detail = event.detail ? ` (${escapeAndTruncate(event.detail, 120)})` : '';
  const note = event.note ? ` — “${escapeAndTruncate(event.note, 200)}”` : '';
  return `${when} UTC · ${what}${subject}${detail} by ${mention(event.actorId)}${note}`;
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
    .map((p) => `${p.at.slice(0, 10)} · ${mention(p.userId)} · ${hours(p.hours)} h`);
  return [
    `*It bit us* — ${pain.length} report${pain.length === 1 ? '' : 's'}; ${recent.length} from ${people} ${people === 1 ? 'person' : 'people'} in the last ${MEASURED_WINDOW_DAYS} days (3 from 2 people make the interest measured)`,
    ...lines,
  ].join('\n');
}

/**
 * Where a scored item's interest comes from. A measured item may have no severity or frequency votes (§1.4),
 * so the medians are only shown when both exist.
 */
function scoreBasis(score: Score): string {
  const medians =
    score.severityHours !== null && score.frequencyPerWeek !== null
      ? `Median severity ${hours(score.severityHours)} h × ${hours(score.frequencyPerWeek)}/week`
      : null;
  if (!score.measured || score.interest === null) return medians ?? 'No median severity and frequency yet';
  const measured = `Measured interest ${hours(score.interest)} h/week (hours reported in the last ${MEASURED_WINDOW_DAYS} days ÷ 4 weeks)`;
  return medians
    ? `${measured}, in place of the voted ${medians.toLowerCase()}`
    : `${measured}; no severity and frequency votes yet`;
}

export function buildItemDetail(model: ItemDetailModel): Message {
  const card = buildCard({ item: model.item, score: model.score, pain: model.pain ?? [] });
  // The detail reuses the card's content but not its buttons: ephemeral copies must not act on the item.
  const cardBlocks = card.blocks.filter((b) => b.type !== 'actions');
  const { score } = model;
  const figures = [
    `*Votes*  ${DIMENSIONS.map((d) => `${d}: ${tallyText(model.votes, d, 'no votes yet')}`).join(' · ')}`,
    score.scored
      ? `${scoreBasis(score)}; effort ${hours(score.effortHours)} h${score.effortKnown ? '' : ' (no effort votes: M assumed)'}`
      : 'Not scored yet: it needs at least one severity and one frequency vote.',
    ...(score.quorumCount > score.voters
      ? [
          `Quorum counts ${score.quorumCount} people: ${score.voters} voter${score.voters === 1 ? '' : 's'} and those who reported pain in the last ${MEASURED_WINDOW_DAYS} days`,
        ]
      : []),
  ];
  const shown = recentHistory(model.history);
  const blocks: Block[] = [
    ...cardBlocks,
    section(figures.join('\n')),
    ...(model.pain && model.pain.length > 0 ? [section(painSummary(model.pain, model.now))] : []),
    ...(model.permalink ? [context([link(model.permalink, 'Open the card and its vote thread')])] : []),
    divider(),
    section([HISTORY_HEADING, ...shown].join('\n')),
    ...(model.history.length > shown.length
      ? [context([`${model.history.length - shown.length} earlier events not shown`])]
      : []),
  ];
  return message(`${formatItemId(model.item.id)} details`, blocks);
}
