// "Try again" on the message that said a card could not be posted.

import { channelLink } from '../../../blocks/kit.ts';
import { buildNotice } from '../../../blocks/notice.ts';
import type { Deps } from '../../deps.ts';
import { formatItemId } from '../../domain/item.ts';
import { cardFailureMessage, postCard } from '../cards.ts';
import { findVisibleItem } from '../item-ops.ts';
import { answeringErrors } from '../reply.ts';
import { type ButtonArgs, buttonContext, buttonItemId, replacingReply } from './context.ts';

export function handleCardRepost(deps: Deps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const ctx = { ...buttonContext(args), channelId: null };
    // The prompt replaces itself with the outcome, so an old "Try again" cannot be pressed twice by mistake.
    const replace = replacingReply(args);
    await answeringErrors(deps.logger, ctx.reply, async () => {
      const item = await findVisibleItem(deps, ctx, buttonItemId(args));
      if (item.card && !item.card.orphaned) {
        await replace(
          buildNotice(`The card for ${formatItemId(item.id)} is already in ${channelLink(item.channelId)}.`),
        );
        return;
      }
      const result = await postCard(deps, ctx.client, item);
      await replace(
        result.ok
          ? buildNotice(
              `Done: the card for ${formatItemId(item.id)} is now in ${channelLink(item.channelId)}.`,
            )
          : cardFailureMessage(item, result.reason),
      );
    });
  };
}
