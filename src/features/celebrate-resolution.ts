// Thanks whoever resolved an item with a short reply in its card's thread (SPEC §2.3), never a new message.
import type { webApi } from '@slack/bolt';
import { buildCelebration } from '../../blocks/celebration.ts';
import type { Deps } from '../deps.ts';
import type { Item } from '../domain/item.ts';
import { classifySlackError } from '../lib/slack-errors.ts';

export type CelebrationDeps = Pick<Deps, 'logger'>;

/**
 * Posts the celebration under the card of a just-resolved item. Without a live card (never posted, or
 * orphaned) there is no thread to reply in, and the channel gets nothing: a top-level message would be noise.
 * A Slack failure is logged and swallowed: the item is resolved either way, and the thanks is not worth a
 * retry loop or an error shown to the person who resolved it.
 */
export async function celebrateResolution(
  deps: CelebrationDeps,
  client: webApi.WebClient,
  item: Item,
): Promise<void> {
  if (item.status !== 'resolved' || !item.card || item.card.orphaned || !item.resolvedBy) return;
  const reply = buildCelebration({ userId: item.resolvedBy, interest: item.resolvedInterest });
  try {
    await client.chat.postMessage({
      channel: item.channelId,
      thread_ts: item.card.ts,
      // The thread only: the card already shows "Resolved" to the channel.
      reply_broadcast: false,
      text: reply.text,
      blocks: reply.blocks,
      unfurl_links: false,
      unfurl_media: false,
    });
  } catch (error) {
    deps.logger.warn('resolution not celebrated', {
      teamId: item.teamId,
      itemId: item.id,
      error: classifySlackError(error),
    });
  }
}
