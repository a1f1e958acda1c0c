// Buttons on the item card (SPEC §2.3): the main status button (Start, Resolve, Reopen) and Edit, which cards
// posted before the overflow menu still carry (ids are a public API, §2.9). The overflow menu reuses these.
import { confirm } from '../../../blocks/confirmations.ts';
import type { Deps } from '../../deps.ts';
import type { StatusAction } from '../../domain/item.ts';
import { changeStatus, findVisibleItem, requireManager } from '../../features/manage-item.ts';
import type { RequestContext } from '../context.ts';
import { openEditModal } from '../modals.ts';
import { answeringErrors } from '../reply.ts';
import { type ButtonArgs, buttonContext, buttonItemId } from './context.ts';

/** Edit from a card: only managers get the modal; anyone else is told, privately, who may. */
export async function editFromCard(deps: Deps, ctx: RequestContext, triggerId: string, id: number) {
  const item = await findVisibleItem(deps, ctx, id);
  await requireManager(deps, ctx, item, 'edit');
  await openEditModal(ctx, triggerId, item);
}

/** A status change from a card, confirmed privately (the card itself is refreshed by the use case). */
export async function moveFromCard(deps: Deps, ctx: RequestContext, id: number, action: StatusAction) {
  const item = await changeStatus(deps, ctx, id, action, '');
  await ctx.reply(action === 'resolve' ? confirm.resolvedFromCard(item) : confirm.statusChanged(item));
}

export function handleCardEdit(deps: Deps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const ctx = buttonContext(args);
    await answeringErrors(deps, ctx.reply, () =>
      editFromCard(deps, ctx, args.body.trigger_id, buttonItemId(args)),
    );
  };
}

/** Start, Resolve and Reopen: one listener shape, one status action each. */
export function handleCardStatus(deps: Deps, action: StatusAction) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const ctx = buttonContext(args);
    await answeringErrors(deps, ctx.reply, () => moveFromCard(deps, ctx, buttonItemId(args), action));
  };
}
