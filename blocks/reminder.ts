// The weekly vote reminder DM (SPEC §2.5, opt-in on Home): "3 items await your vote", each with a *Vote* link
// to its card's thread. Every sentence of the reminder is here.

import type { Item } from '../src/domain/item.ts';
import { formatItemId } from '../src/domain/item.ts';
import { itemLabel, threadUrl } from './format.ts';
import { ACTION, BLOCK } from './ids.ts';
import { type Block, button, channelLink, context, type Message, message, section } from './kit.ts';
import { plural } from './outlook.ts';

/** Items listed in one DM; the rest are counted and wait on Home (a message holds 50 blocks). */
export const REMINDER_LIST_MAX = 10;

export interface ReminderModel {
  /** Already cut to REMINDER_LIST_MAX, most useful first. */
  entries: Item[];
  /** For the links to each card's thread; null when Slack could not say (then lines name the channel only). */
  workspaceUrl: string | null;
  /** How many await the person's vote in all. */
  total: number;
}

export function reminderHeadline(total: number): string {
  return `${plural(total, 'item')} ${total === 1 ? 'awaits' : 'await'} your vote`;
}

function line(item: Item, workspaceUrl: string | null): Block {
  const url = threadUrl(item, workspaceUrl);
  const text = `${itemLabel(item, 100, workspaceUrl)} · in ${channelLink(item.channelId)}`;
  // A link button: Slack opens the thread with the vote panel and still sends the click, which is only acked.
  const vote = url
    ? button(ACTION.reminderVote, 'Vote', {
        url,
        value: String(item.id),
        accessibilityLabel: `Vote on ${formatItemId(item.id)}`,
      })
    : undefined;
  return { ...section(text, vote), block_id: `${BLOCK.reminderItem}:${item.id}` };
}

export function buildVoteReminder({ entries, total, workspaceUrl }: ReminderModel): Message {
  const headline = reminderHeadline(total);
  const rest = total - entries.length;
  return message(`${headline} in your channels`, [
    section(
      `*${headline}* in your channels: a few seconds each, and the team fixes what costs the most first.`,
    ),
    ...entries.map((item) => line(item, workspaceUrl)),
    ...(rest > 0 ? [context([`…and ${rest} more awaiting your vote in your channels`])] : []),
    context(['You asked for this weekly reminder on my Home tab; switch it off there any time.']),
  ]);
}
