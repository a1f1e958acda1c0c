// "Try again" on the message that said a card could not be posted.
import { buildCardFailure } from '../../../blocks/card-failure.ts';
import { confirm } from '../../../blocks/confirmations.ts';
import type { Deps } from '../../deps.ts';
import { findVisibleItem } from '../../features/manage-item.ts';
import { postCard } from '../../features/post-card.ts';
import { answeringErrors } from '../reply.ts';
import { type ButtonArgs, buttonContext, buttonItemId, replacingReply } from './context.ts';

export function handleCardRepost(deps: Deps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const ctx = { ...buttonContext(args), channelId: null };
    // The prompt replaces itself with the outcome, so an old "Try again" cannot be pressed twice by mistake.
    const replace = replacingReply(args);
    await answeringErrors(deps, ctx.reply, async () => {
      const item = await findVisibleItem(deps, ctx, buttonItemId(args));
      if (item.card && !item.card.orphaned) {
        await replace(confirm.cardAlreadyPosted(item));
        return;
      }
      const result = await postCard(deps, ctx.client, item);
      await replace(result.ok ? confirm.cardPosted(item) : buildCardFailure(item, result.failure));
    });
  };
}
