// *It bit me* on the card: opens the small pain-report modal (SPEC §1.5).
import { buildPainModal } from '../../../blocks/pain-modal.ts';
import type { Deps } from '../../deps.ts';
import { findVisibleItem } from '../../features/manage-item.ts';
import { painDefault } from '../../features/report-pain.ts';
import { ItemMetadataSchema, writeMetadata } from '../modals.ts';
import { answeringErrors } from '../reply.ts';
import { type ButtonArgs, buttonContext, buttonItemId } from './context.ts';

export function handleCardPain(deps: Deps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const ctx = buttonContext(args);
    await answeringErrors(deps, ctx.reply, async () => {
      const item = await findVisibleItem(deps, ctx, buttonItemId(args));
      const view = buildPainModal({
        itemId: item.id,
        title: item.title,
        defaultHours: await painDefault(deps, ctx.teamId, ctx.userId, item.id),
        privateMetadata: writeMetadata(ItemMetadataSchema, {
          v: 1,
          itemId: item.id,
          channelId: ctx.channelId,
        }),
      });
      await ctx.client.views.open({ trigger_id: args.body.trigger_id, view });
    });
  };
}
