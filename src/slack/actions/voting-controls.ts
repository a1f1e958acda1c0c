// *Close voting* / *Reopen voting* on the panel: reporter, owner, stewards and admins only.
import { confirm } from '../../../blocks/confirmations.ts';
import type { Deps } from '../../deps.ts';
import { setVotingClosed } from '../../features/vote.ts';
import { answeringErrors } from '../reply.ts';
import { type ButtonArgs, buttonContext, buttonItemId } from './context.ts';

export function handleVotingControl(deps: Deps, closed: boolean) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const ctx = buttonContext(args);
    await answeringErrors(deps, ctx.reply, async () => {
      const item = await setVotingClosed(deps, ctx, buttonItemId(args), closed);
      await ctx.reply(confirm.voting(item, closed));
    });
  };
}
