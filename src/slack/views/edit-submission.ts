// The edit modal's submission: validate, check permission again, save, ack; the card refreshes after.

import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { Deps } from '../../deps.ts';
import { editItem } from '../item-ops.ts';
import { ItemMetadataSchema, readMetadata } from '../modals.ts';
import { describeError } from '../reply.ts';
import { fieldError, viewContext } from './context.ts';
import { isFieldErrors, parseFilingState, type ViewStateValues } from './filing-state.ts';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

export function handleEditSubmission(deps: Deps) {
  return async ({ ack, body, view, client }: Args): Promise<void> => {
    const parsed = parseFilingState(view.state.values as ViewStateValues, 'edit');
    if (isFieldErrors(parsed)) {
      await ack({ response_action: 'errors', errors: parsed });
      return;
    }
    const meta = readMetadata(ItemMetadataSchema, view.private_metadata);
    if (!meta) {
      await ack(fieldError('title', 'This form is out of date; close it and run /debt edit again.'));
      return;
    }
    const ctx = viewContext(deps, body, client, meta.channelId);
    const { teamId } = ctx;
    try {
      await editItem(deps, ctx, meta.itemId, parsed.draft);
    } catch (error) {
      deps.logger.info('edit refused', { teamId, itemId: meta.itemId, error });
      await ack(fieldError('title', describeError(error)));
      return;
    }
    await ack();
    deps.logger.info('item edited', { teamId, itemId: meta.itemId, by: body.user.id });
  };
}
