// *My votes* on the vote panel: ack, then open the modal with the person's current votes pre-selected
// (the trigger_id lasts 3 s, so nothing slow comes between). Voting closed: a private notice instead.
import { buildMyVotesModal } from '../../../blocks/my-votes-modal.ts';
import type { Deps } from '../../deps.ts';
import { readMyVotes } from '../../features/vote.ts';
import { writeMetadata } from '../modals.ts';
import { answeringErrors } from '../reply.ts';
import { MyVotesMetadataSchema } from '../views/my-votes.ts';
import { type ButtonArgs, buttonContext, buttonItemId } from './context.ts';

export function handleMyVotes(deps: Deps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const ctx = buttonContext(args);
    await answeringErrors(deps, ctx.reply, async () => {
      // A closed or frozen item is refused here with a clear reason, answered privately by answeringErrors.
      const { item, mine } = await readMyVotes(deps, ctx, buttonItemId(args));
      const view = buildMyVotesModal({
        itemId: item.id,
        title: item.title,
        mine,
        privateMetadata: writeMetadata(MyVotesMetadataSchema, {
          v: 1,
          itemId: item.id,
          channelId: ctx.channelId,
          responseUrl: args.body.response_url ?? null,
        }),
      });
      await ctx.client.views.open({ trigger_id: args.body.trigger_id, view });
    });
  };
}
