// The filing modal's submission: validate, save, ack; then post the card (SPEC §2.2, §2.8).
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { buildNotice } from '../../../blocks/notice.ts';
import type { Deps } from '../../deps.ts';
import { formatItemId, type Item } from '../../domain/item.ts';
import { tellUser } from '../cards.ts';
import { publishFiledItem } from '../publish.ts';
import { describeError } from '../reply.ts';
import { fieldError } from './context.ts';
import { isFieldErrors, parseFilingState, type ViewStateValues } from './filing-state.ts';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

export function handleFileSubmission(deps: Deps) {
  return async ({ ack, body, view, client }: Args): Promise<void> => {
    const parsed = parseFilingState(view.state.values as ViewStateValues, 'file');
    if (isFieldErrors(parsed)) {
      await ack({ response_action: 'errors', errors: parsed });
      return;
    }
    const teamId = body.team?.id ?? view.team_id;
    const reporterId = body.user.id;
    const channelId = parsed.channelId ?? '';
    let filed: { item: Item; created: boolean };
    try {
      // view.id is the same for every submission of this modal: a resubmission or retry files nothing new.
      filed = await deps.items.file({
        teamId,
        channelId,
        reporterId,
        draft: parsed.draft,
        submissionKey: view.id,
        estimates: parsed.estimates,
      });
    } catch (error) {
      deps.logger.error('filing failed', { teamId, error });
      // Keep the modal open with the reason, so what the user typed is not lost.
      await ack(fieldError('title', describeError(error)));
      return;
    }
    await ack();
    // A resubmission of a modal whose item was saved but never got its card (the first attempt failed
    // after saving) publishes it now; one that already has its card does nothing. postCard's claim
    // keeps two submissions from posting two cards.
    if (!filed.created && filed.item.card) return;
    const responseUrl = body.response_urls?.[0]?.response_url ?? null;
    try {
      await publishFiledItem(deps, client, filed.item, { responseUrl, from: 'filing' });
    } catch (error) {
      deps.logger.error('publishing a filed item failed', { teamId, itemId: filed.item.id, error });
      // It is still in the unpublished set, so the workers' sweep tries again (jobs/card-sweep.ts).
      const text = `${formatItemId(filed.item.id)} is saved, but something went wrong after that: ${describeError(error)} I will try to post its card again in a few minutes.`;
      await tellUser(deps, client, reporterId, buildNotice(text), responseUrl).catch((e: unknown) =>
        deps.logger.error('could not tell the reporter', { error: e }),
      );
    }
  };
}
