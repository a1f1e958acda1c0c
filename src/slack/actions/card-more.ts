// The card's overflow menu (SPEC §2.3): each choice goes to the use case its own button used to call.
import type { AllMiddlewareArgs, BlockAction, OverflowAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { buildDuplicateModal } from '../../../blocks/duplicate-modal.ts';
import { CARD_MORE, parseCardMoreValue } from '../../../blocks/ids.ts';
import { buildItemDetail } from '../../../blocks/item-detail.ts';
import type { Deps } from '../../deps.ts';
import { notFound } from '../../domain/errors.ts';
import { findVisibleItem, requireManager } from '../../features/manage-item.ts';
import { loadItemDetail } from '../../features/show-item.ts';
import { ItemMetadataSchema, writeMetadata } from '../modals.ts';
import { answeringErrors } from '../reply.ts';
import { editFromCard, moveFromCard } from './card-buttons.ts';
import { buttonContext } from './context.ts';

export type OverflowArgs = SlackActionMiddlewareArgs<BlockAction<OverflowAction>> & AllMiddlewareArgs;

export function handleCardMore(deps: Deps) {
  return async (args: OverflowArgs): Promise<void> => {
    await args.ack();
    const ctx = buttonContext(args);
    await answeringErrors(deps, ctx.reply, async () => {
      // A value we did not write (tampered, or a choice a later version dropped) is "not found", not a crash.
      const picked = parseCardMoreValue(args.action.selected_option?.value ?? '');
      if (!picked) throw notFound('That menu option');
      const { choice, itemId } = picked;
      switch (choice) {
        case CARD_MORE.edit:
          return editFromCard(deps, ctx, args.body.trigger_id, itemId);
        case CARD_MORE.start:
        case CARD_MORE.resolve:
        case CARD_MORE.wontfix:
          return moveFromCard(deps, ctx, itemId, choice);
        case CARD_MORE.duplicate: {
          // Refused here already, so nobody fills in a form that would be refused; then the form, within the
          // trigger's 3 s.
          const item = await findVisibleItem(deps, ctx, itemId);
          await requireManager(deps, ctx, item, 'close');
          const privateMetadata = writeMetadata(ItemMetadataSchema, {
            v: 1,
            itemId,
            channelId: ctx.channelId,
          });
          return void (await ctx.client.views.open({
            trigger_id: args.body.trigger_id,
            view: buildDuplicateModal({ item, privateMetadata }),
          }));
        }
        case CARD_MORE.details:
          return void (await ctx.reply(buildItemDetail(await loadItemDetail(deps, ctx, itemId))));
      }
    });
  };
}
