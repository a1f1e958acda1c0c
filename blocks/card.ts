// The item card (SPEC §2.3): the compact top-level channel message for one debt item.
import { formatItemId, type Item, isOpen, LIMITS } from '../src/domain/item.ts';
import type { PainReport, Score } from '../src/domain/scoring.ts';
import { categoryText, scoreLine, statusText } from './format.ts';
import { ACTION, BLOCK, CARD_MORE, type CardMoreChoice, cardMoreValue } from './ids.ts';
import {
  actions,
  type Block,
  button,
  context,
  escapeMrkdwn,
  type Message,
  mention,
  message,
  option,
  section,
  truncate,
} from './kit.ts';
import { SLACK_LIMITS } from './limits.ts';

export interface CardModel {
  item: Item;
  score: Score;
  /** Pain reports so far: the *It bit me* button counts them once there is one. */
  pain?: readonly PainReport[];
}

/** Category, component, owner and status; a field that is empty is left out rather than shown as "—". */
function factsLine(item: Item): string {
  const closedBy =
    (item.status === 'resolved' || item.status === 'wont_fix') && item.resolvedBy
      ? ` by ${mention(item.resolvedBy)}`
      : '';
  return [
    categoryText(item.category),
    ...(item.component ? [escapeMrkdwn(truncate(item.component, LIMITS.componentMax))] : []),
    ...(item.ownerId ? [`owner ${mention(item.ownerId)}`] : []),
    `${statusText(item)}${closedBy}`,
  ].join(' · ');
}

const CHOICE_LABELS: Record<CardMoreChoice, string> = {
  start: 'Start',
  resolve: 'Resolve',
  wontfix: "Won't fix",
  duplicate: 'Duplicate of…',
  edit: 'Edit',
  details: 'Details and history',
};

/** The overflow menu's choices for a status: everything but the main button (Slack wants 2–5 options). */
export function moreChoices(item: Item): CardMoreChoice[] {
  switch (item.status) {
    case 'open':
      return [CARD_MORE.resolve, CARD_MORE.wontfix, CARD_MORE.duplicate, CARD_MORE.edit, CARD_MORE.details];
    case 'in_progress':
      return [CARD_MORE.wontfix, CARD_MORE.duplicate, CARD_MORE.edit, CARD_MORE.details];
    default:
      return [CARD_MORE.edit, CARD_MORE.details];
  }
}

/** The one main action: what usually happens next to an item in this status. */
function mainButton(item: Item): Block {
  const value = String(item.id);
  switch (item.status) {
    case 'open':
      return button(ACTION.cardStart, 'Start', { value });
    case 'in_progress':
      // The same id the old card's Resolve posted: one listener for both (SPEC §2.9).
      return button(ACTION.cardResolve, 'Resolve', {
        value,
        style: 'primary',
        confirm: {
          title: `Resolve ${formatItemId(item.id)}?`,
          text: 'Mark this debt as paid down. It can be reopened later.',
          confirm: 'Resolve',
          deny: 'Cancel',
        },
      });
    default:
      return button(ACTION.cardReopen, 'Reopen', { value });
  }
}

function overflow(item: Item): Block {
  return {
    type: 'overflow',
    action_id: ACTION.cardMore,
    options: moreChoices(item).map((choice) => option(CHOICE_LABELS[choice], cardMoreValue(choice, item.id))),
  };
}

export function buildCard({ item, score, pain = [] }: CardModel): Message {
  const id = formatItemId(item.id);
  // Cut the raw title, then escape: the whole title stays readable however many `&` it holds (SPEC §2.7).
  const title = escapeMrkdwn(truncate(item.title, LIMITS.titleMax));
  // The one line of numbers that matter, or what is missing (format.ts: the same words as lists and Home).
  const numbers = scoreLine(score);
  const painLabel = pain.length > 0 ? `It bit me (${pain.length})` : 'It bit me';
  const blocks = [
    // A section, not a header: plain_text has no defined escaping, mrkdwn does.
    section(`*${id}* · *${title}*\n${numbers}`),
    context([factsLine(item)]),
    actions(BLOCK.cardActions, [
      // Reported pain is the debt's "interest payment": anyone may report it while the item is open (§1.5).
      ...(isOpen(item.status)
        ? [
            {
              ...button(ACTION.cardPain, painLabel, { value: String(item.id) }),
              accessibility_label: truncate(`Report that ${id} just cost you time`, SLACK_LIMITS.buttonText),
            },
          ]
        : []),
      mainButton(item),
      overflow(item),
    ]),
  ];
  // The fallback text is mrkdwn too (notifications), so the title is escaped there as well.
  return message(`${id}: ${title} (${statusText(item)}, ${numbers})`, blocks);
}
