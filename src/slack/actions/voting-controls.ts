// *Close voting* / *Reopen voting* on the panel: reporter, owner, stewards and admins only.
import { buildNotice } from '../../../blocks/notice.ts';
import type { Deps } from '../../deps.ts';
import { formatItemId } from '../../domain/item.ts';
import { answeringErrors } from '../reply.ts';
import { setVotingClosed } from '../voting-ops.ts';
import { type ButtonArgs, buttonContext, buttonItemId } from './context.ts';

export function handleVotingControl(deps: Deps, closed: boolean) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const ctx = buttonContext(args);
    await answeringErrors(deps.logger, ctx.reply, async () => {
      const item = await setVotingClosed(deps, ctx, buttonItemId(args), closed);
      await ctx.reply(
        buildNotice(`Voting on ${formatItemId(item.id)} is ${closed ? 'closed' : 'open again'}.`),
      );
    });
  };
}
