// *Duplicate of…*'s submission: the original must be an item the person may see, then the duplicate is closed as
// won't fix with a note naming it, through the same use case as `/debt wontfix DEBT-n duplicate of DEBT-m`.
import { DUPLICATE_ERRORS } from '../../../blocks/duplicate-modal.ts';
import { FIELD } from '../../../blocks/ids.ts';
import type { Deps } from '../../deps.ts';
import { formatItemId, parseItemId } from '../../domain/item.ts';
import { changeStatus, findVisibleItem } from '../../features/manage-item.ts';
import { ItemMetadataSchema, readMetadata } from '../modals.ts';
import { answeringViewErrors, fieldError } from '../reply.ts';
import { type ViewArgs, viewContext, viewValues } from './context.ts';
import { text } from './filing-state.ts';

export function handleDuplicateSubmission(deps: Deps) {
  return async (args: ViewArgs): Promise<void> => {
    const { ack, view } = args;
    const meta = readMetadata(ItemMetadataSchema, view.private_metadata);
    if (!meta) {
      await ack(fieldError(FIELD.original, DUPLICATE_ERRORS.outOfDate));
      return;
    }
    const originalId = parseItemId(text(viewValues(view), FIELD.original));
    if (originalId === null || originalId === meta.itemId) {
      await ack(
        fieldError(FIELD.original, originalId === null ? DUPLICATE_ERRORS.notAnId : DUPLICATE_ERRORS.itself),
      );
      return;
    }
    const ctx = viewContext(deps, args, meta.channelId);
    // The card shows the new status once refreshed (queued by the use case); the modal answers nothing more.
    await answeringViewErrors(
      deps,
      ack,
      FIELD.original,
      async () => {
        const original = await findVisibleItem(deps, ctx, originalId);
        await changeStatus(deps, ctx, meta.itemId, 'wontfix', `duplicate of ${formatItemId(original.id)}`);
      },
      { teamId: ctx.teamId, itemId: meta.itemId },
    );
  };
}
