// The pain modal's submission: validate hours inline, record once per modal, then close the modal.

import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { FIELD } from '../../../blocks/ids.ts';
import type { Deps } from '../../deps.ts';
import { parsePainHours } from '../../domain/command.ts';
import type { Item } from '../../domain/item.ts';
import { refreshItemMessages } from '../cards.ts';
import { findVisibleItem } from '../item-ops.ts';
import { ItemMetadataSchema, readMetadata } from '../modals.ts';
import { describeError } from '../reply.ts';
import { recordPain } from '../voting-ops.ts';
import { fieldError, viewContext } from './context.ts';
import { text, type ViewStateValues } from './filing-state.ts';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

export function handlePainSubmission(deps: Deps) {
  return async ({ ack, body, view, client }: Args): Promise<void> => {
    const raw = text(view.state.values as ViewStateValues, FIELD.hours);
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
    const ctx = viewContext(deps, body, client, meta.channelId);
    const { teamId } = ctx;
    let recorded: Item | null = null;
    try {
      // One report per modal, however often it is submitted (SPEC §2.8).
      const first = await deps.redis.set(deps.keys.once(teamId, 'pain', view.id), '1', 'EX', 86_400, 'NX');
      if (first !== null) {
        const item = await findVisibleItem(deps, ctx, meta.itemId);
        await recordPain(deps, ctx, item, hours);
        recorded = item;
      }
    } catch (error) {
      // Free the modal for another try; if Redis is down this fails too and the key expires by itself.
      await deps.redis
        .del(deps.keys.once(teamId, 'pain', view.id))
        .catch((e: unknown) => deps.logger.warn('pain claim not released', { error: e }));
      await ack(fieldError(FIELD.hours, describeError(error)));
      return;
    }
    await ack();
    // The modal answers nothing more; card and panel show the new count once refreshed.
    if (recorded)
      await refreshItemMessages(deps, recorded).catch((error: unknown) =>
        deps.logger.warn('pain report recorded; refresh failed', { itemId: meta.itemId, error }),
      );
  };
}
