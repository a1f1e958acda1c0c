// The item card (SPEC §2.3): the top-level channel message for one debt item.
import { formatItemId, type Item, isOpen } from '../src/domain/item.ts';
import type { PainReport, Score } from '../src/domain/scoring.ts';
import { categoryText, confidenceText, interestText, ownerText, paybackText, statusText } from './format.ts';
import { ACTION, BLOCK } from './ids.ts';
import {
  actions,
  button,
  context,
  escapeAndTruncate,
  escapeMrkdwn,
  fields,
  link,
  type Message,
  mention,
  message,
  section,
} from './kit.ts';

export interface CardModel {
  item: Item;
  score: Score;
  /** Pain reports so far: the *It bit me* button shows once there is one (SPEC §2.3). */
  pain?: readonly PainReport[];
}

const DESCRIPTION_PREVIEW = 600;

export function buildCard({ item, score, pain = [] }: CardModel): Message {
  const id = formatItemId(item.id);
  const blocks = [
    // A section, not a header: plain_text has no defined escaping, mrkdwn does (SPEC §2.7).
    section(`*${id}* · *${escapeAndTruncate(item.title, 150)}*`),
    ...(item.description ? [section(escapeAndTruncate(item.description, DESCRIPTION_PREVIEW))] : []),
    fields([
      `*Category*\n${categoryText(item.category)}`,
      `*Component*\n${item.component ? escapeAndTruncate(item.component, 80) : '—'}`,
      `*Owner*\n${ownerText(item)}`,
      `*Status*\n${statusText(item)}`,
      `*Interest*\n${interestText(score)}`,
      `*Payback*\n${paybackText(score)}`,
      `*Confidence*\n${confidenceText(score)}`,
      `*Voters*\n${score.voters}`,
    ]),
    ...(item.links.length > 0 ? [context(item.links.map((url, i) => link(url, `link ${i + 1}`)))] : []),
    context([`Filed by ${mention(item.reporterId)} · vote in the thread`]),
    actions(BLOCK.cardActions, [
      button(ACTION.cardEdit, 'Edit', { value: String(item.id) }),
      ...(isOpen(item.status)
        ? [
            button(ACTION.cardResolve, 'Resolve', {
              value: String(item.id),
              style: 'primary',
              confirm: {
                title: `Resolve ${id}?`,
                text: 'Mark this debt as paid down. It can be reopened later.',
                confirm: 'Resolve',
                deny: 'Cancel',
              },
            }),
          ]
        : []),
      ...(isOpen(item.status) && pain.length > 0
        ? [button(ACTION.cardPain, `It bit me (${pain.length})`, { value: String(item.id) })]
        : []),
    ]),
  ];
  // The fallback text is mrkdwn too (notifications), so the title is escaped there as well.
  return message(`${id}: ${escapeMrkdwn(item.title)} (${statusText(item)}, ${interestText(score)})`, blocks);
}
