// The private message a reporter gets when an item is saved but its card could not be posted (SPEC §2.2).
import { formatItemId, type Item } from '../src/domain/item.ts';
import type { SlackFailure } from '../src/lib/slack-errors.ts';
import { channelProblem, slackProblem, TOKEN_REFUSED } from './channel-problems.ts';
import { ACTION, BLOCK } from './ids.ts';
import { actions, button, channelLink, type Message, message, section } from './kit.ts';
import { buildNotice } from './notice.ts';

/** Why the card is not out: Slack's answer, an auth pause, or another process posting it right now. */
export type CardFailure = SlackFailure | { kind: 'paused' } | { kind: 'busy' };

function reasonText(item: Item, failure: CardFailure): string {
  if (failure.kind === 'paused') return TOKEN_REFUSED;
  if (failure.kind === 'busy') return 'The card is being posted right now; give it a moment.';
  const channel =
    failure.kind === 'channel' || failure.kind === 'platform'
      ? channelProblem(failure.error, item.channelId)
      : null;
  return channel ? `${channel}, then press *Try again*.` : slackProblem(failure);
}

export function buildCardFailure(item: Item, failure: CardFailure): Message {
  const id = formatItemId(item.id);
  const text = `*${id}* is saved, but I could not post its card in ${channelLink(item.channelId)}. ${reasonText(item, failure)}`;
  return message(`${id} is saved, but its card could not be posted.`, [
    section(text),
    actions(BLOCK.cardRepostActions, [
      button(ACTION.cardRepost, 'Try again', { value: String(item.id), style: 'primary' }),
    ]),
  ]);
}

/** Saved, but publishing broke in an unexpected way: the sweep will post the card later. */
export function buildPublishFailedNotice(itemId: number, whatWentWrong: string): Message {
  return buildNotice(
    `${formatItemId(itemId)} is saved, but something went wrong after that: ${whatWentWrong} I will try to post its card again in a few minutes.`,
  );
}
