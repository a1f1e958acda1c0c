// The pain modal's submission: validate hours inline, record once per modal, then close the modal.
import { FIELD } from '../../../blocks/ids.ts';
import type { Deps } from '../../deps.ts';
import { parsePainHours } from '../../domain/command.ts';
import type { Item } from '../../domain/item.ts';
import { reportPainOnce } from '../../features/report-pain.ts';
import { ItemMetadataSchema, readMetadata } from '../modals.ts';
import { answeringViewErrors, fieldError } from '../reply.ts';
import { type ViewArgs, viewContext, viewValues } from './context.ts';
import { text } from './filing-state.ts';

export function handlePainSubmission(deps: Deps) {
  return async (args: ViewArgs): Promise<void> => {
    const { ack, view } = args;
    const raw = text(viewValues(view), FIELD.hours);
    const hours = raw === '' ? null : parsePainHours(raw);
    if (raw !== '' && hours === null) {
      await ack(fieldError(FIELD.hours, 'Enter hours above 0 and at most 168, e.g. 2.5'));
      return;
    }
    const meta = readMetadata(ItemMetadataSchema, view.private_metadata);
    if (!meta) {
      await ack(fieldError(FIELD.hours, 'This form is out of date; open it again.'));
      return;
    }
    const ctx = viewContext(deps, args, meta.channelId);
    const recorded: { item?: Item | null } = {};
    await answeringViewErrors(
      deps,
      ack,
      FIELD.hours,
      async () => {
        recorded.item = await reportPainOnce(deps, ctx, view.id, meta.itemId, hours);
      },
      { teamId: ctx.teamId, itemId: meta.itemId },
    );
    // The modal answers nothing more; card and panel show the new count once refreshed.
    if (recorded.item)
      await deps.producers
        .refreshItemMessages(recorded.item)
        .catch((error: unknown) =>
          deps.logger.warn('pain report recorded; refresh failed', { itemId: meta.itemId, error }),
        );
  };
}
