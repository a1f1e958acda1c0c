// The edit modal's submission: validate, check permission again, save, ack; the card refreshes after.
import type { Deps } from '../../deps.ts';
import { editItem } from '../../features/manage-item.ts';
import { ItemMetadataSchema, readMetadata } from '../modals.ts';
import { answeringViewErrors, fieldError } from '../reply.ts';
import { type ViewArgs, viewContext, viewValues } from './context.ts';
import { isFieldErrors, parseFilingState } from './filing-state.ts';

export function handleEditSubmission(deps: Deps) {
  return async (args: ViewArgs): Promise<void> => {
    const { ack, view } = args;
    const parsed = parseFilingState(viewValues(view), 'edit');
    if (isFieldErrors(parsed)) {
      await ack({ response_action: 'errors', errors: parsed });
      return;
    }
    const meta = readMetadata(ItemMetadataSchema, view.private_metadata);
    if (!meta) {
      await ack(fieldError('title', 'This form is out of date; close it and run /debt edit again.'));
      return;
    }
    const ctx = viewContext(deps, args, meta.channelId);
    const saved = await answeringViewErrors(
      deps,
      ack,
      'title',
      async () => void (await editItem(deps, ctx, meta.itemId, parsed.draft)),
      { teamId: ctx.teamId, itemId: meta.itemId },
    );
    if (saved) deps.logger.info('item edited', { teamId: ctx.teamId, itemId: meta.itemId, by: ctx.userId });
  };
}
