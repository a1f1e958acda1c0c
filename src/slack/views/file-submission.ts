// The filing modal's submission: validate, save, ack; then post the card (SPEC §2.2, §2.8).
import { buildPublishFailedNotice } from '../../../blocks/card-failure.ts';
import type { Deps } from '../../deps.ts';
import type { Item } from '../../domain/item.ts';
import { publishFiledItem } from '../../features/publish-item.ts';
import { tellUser } from '../../features/tell-user.ts';
import { installedTeam } from '../context.ts';
import { answeringViewErrors, describeError } from '../reply.ts';
import { type ViewArgs, viewValues } from './context.ts';
import { isFieldErrors, parseFilingState } from './filing-state.ts';

export function handleFileSubmission(deps: Deps) {
  return async ({ ack, body, view, client, context }: ViewArgs): Promise<void> => {
    const parsed = parseFilingState(viewValues(view), 'file');
    if (isFieldErrors(parsed)) {
      await ack({ response_action: 'errors', errors: parsed });
      return;
    }
    const teamId = installedTeam(context);
    const reporterId = body.user.id;
    const saved: { filed?: { item: Item; created: boolean } } = {};
    // view.id is the same for every submission of this modal: a resubmission or retry files nothing new.
    await answeringViewErrors(
      deps,
      ack,
      'title',
      async () => {
        saved.filed = await deps.items.file({
          teamId,
          channelId: parsed.channelId ?? '',
          reporterId,
          draft: parsed.draft,
          submissionKey: view.id,
          estimates: parsed.estimates,
        });
      },
      { teamId },
    );
    if (!saved.filed) return;
    const { item, created } = saved.filed;
    // A resubmission of a modal whose item was saved but never got its card (the first attempt failed
    // after saving) publishes it now; one that already has its card does nothing. postCard's claim
    // keeps two submissions from posting two cards.
    if (!created && item.card) return;
    const responseUrl = body.response_urls?.[0]?.response_url ?? null;
    try {
      await publishFiledItem(deps, client, item, { responseUrl, from: 'filing' });
    } catch (error) {
      deps.logger.error('publishing a filed item failed', { teamId, itemId: item.id, error });
      // It is still in the unpublished set, so the workers' sweep tries again (jobs/card-sweep.ts).
      const notice = buildPublishFailedNotice(item.id, describeError(error));
      await tellUser(deps, client, reporterId, notice, responseUrl).catch((e: unknown) =>
        deps.logger.error('could not tell the reporter', { error: e }),
      );
    }
  };
}
