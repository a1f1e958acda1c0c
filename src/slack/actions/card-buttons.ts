// Buttons on the item card: Edit opens the prefilled modal, Resolve closes the item (SPEC §2.3).
import { confirm } from '../../../blocks/confirmations.ts';
import type { Deps } from '../../deps.ts';
import { changeStatus, findVisibleItem, requireManager } from '../../features/manage-item.ts';
import { openEditModal } from '../modals.ts';
import { answeringErrors } from '../reply.ts';
import { type ButtonArgs, buttonContext, buttonItemId } from './context.ts';

export function handleCardEdit(deps: Deps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const ctx = buttonContext(args);
    await answeringErrors(deps, ctx.reply, async () => {
      const item = await findVisibleItem(deps, ctx, buttonItemId(args));
      await requireManager(deps, ctx, item, 'edit');
      await openEditModal(ctx, args.body.trigger_id, item);
    });
  };
}

export function handleCardResolve(deps: Deps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const ctx = buttonContext(args);
    await answeringErrors(deps, ctx.reply, async () => {
      const item = await changeStatus(deps, ctx, buttonItemId(args), 'resolve', '');
      await ctx.reply(confirm.resolvedFromCard(item));
    });
  };
}
