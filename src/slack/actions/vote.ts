// Vote buttons on the panel (`debt_vote:{dimension}:{level}`): ack, count atomically, confirm privately.
import { buildVoteReceipt } from '../../../blocks/vote-receipt.ts';
import type { Deps } from '../../deps.ts';
import { notFound } from '../../domain/errors.ts';
import { DIMENSIONS, type Dimension, isLevel } from '../../domain/scales.ts';
import { castVote, type VoteClick } from '../../features/vote.ts';
import { answeringErrors } from '../reply.ts';
import { type ButtonArgs, buttonContext, buttonItemId } from './context.ts';

/** Reads dimension and level from the action id; anything we did not post is "not found". */
function parseVoteClick(args: ButtonArgs): VoteClick {
  const [, dimension = '', levelText = ''] = args.action.action_id.split(':');
  const level = Number(levelText);
  if (!DIMENSIONS.includes(dimension as Dimension) || !isLevel(level)) throw notFound('That vote option');
  return {
    itemId: buttonItemId(args),
    dimension: dimension as Dimension,
    level,
    // Slack stamps each click; the same delivery seen twice carries the same stamp.
    deliveryId: args.action.action_ts || `${args.body.container?.message_ts ?? ''}:${args.body.trigger_id}`,
  };
}

export function handleVote(deps: Deps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const ctx = buttonContext(args);
    await answeringErrors(deps, ctx.reply, async () => {
      await ctx.reply(buildVoteReceipt(await castVote(deps, ctx, parseVoteClick(args))));
    });
  };
}
