// Voting and pain reports: shared by the vote buttons, the panel controls, the pain modal and `/debt hit`.

import { hours as formatHours, interestText } from '../../blocks/format.ts';
import type { Message } from '../../blocks/kit.ts';
import { buildNotice } from '../../blocks/notice.ts';
import { buildVoteReceipt } from '../../blocks/vote-receipt.ts';
import type { Deps } from '../deps.ts';
import { invalid } from '../domain/errors.ts';
import { formatItemId, type Item, isOpen } from '../domain/item.ts';
import type { Dimension, Level } from '../domain/scales.ts';
import { COUNTED, defaultPainHours } from '../domain/voting.ts';
import { refreshItemMessages } from './cards.ts';
import type { RequestContext } from './context.ts';
import { manageItem, type OpsDeps } from './item-ops.ts';

type VotingDeps = OpsDeps & Pick<Deps, 'votes' | 'pain'>;

export interface VoteClick {
  itemId: number;
  dimension: Dimension;
  level: Level;
  deliveryId: string;
}

/** Counts one click atomically, queues the card and panel refresh, and returns the voter's receipt. */
export async function castVote(deps: VotingDeps, ctx: RequestContext, click: VoteClick): Promise<Message> {
  const outcome = await deps.votes.cast({ teamId: ctx.teamId, userId: ctx.userId, ...click });
  if (!COUNTED.has(outcome)) return buildVoteReceipt({ ...click, outcome, score: null });
  const item = await deps.items.get(ctx.teamId, click.itemId);
  if (!item) return buildVoteReceipt({ ...click, outcome: 'not_found', score: null });
  const [scored] = await deps.scores.score(ctx.teamId, [item]);
  await refreshItemMessages(deps, item);
  return buildVoteReceipt({ ...click, outcome, score: scored?.score ?? null });
}

/** Closes or reopens voting; votes are kept either way (SPEC §1.6). */
export function setVotingClosed(deps: VotingDeps, ctx: RequestContext, itemId: number, closed: boolean) {
  return manageItem(
    deps,
    ctx,
    itemId,
    closed ? 'close voting on' : 'reopen voting on',
    (i) => {
      if (i.votingClosed === closed)
        throw invalid(`Voting on ${formatItemId(itemId)} is already ${closed ? 'closed' : 'open'}.`);
      return { ...i, votingClosed: closed };
    },
    { kind: 'edited', actorId: ctx.userId, detail: closed ? 'voting closed' : 'voting reopened' },
  );
}

/** The default hours for this user's report on this item (SPEC §1.5). */
export async function painDefault(
  deps: VotingDeps,
  teamId: string,
  userId: string,
  itemId: number,
): Promise<number> {
  const votes = (await deps.votes.forItems(teamId, [itemId])).get(itemId) ?? [];
  return defaultPainHours(userId, votes);
}

/** Records a pain report on an open item (refused on a closed one); returns the hours recorded. */
export async function recordPain(
  deps: VotingDeps,
  ctx: RequestContext,
  item: Item,
  hours: number | null,
): Promise<number> {
  const lost = hours ?? (await painDefault(deps, ctx.teamId, ctx.userId, item.id));
  // The status is checked on the latest record, in the same step that records the event (no race with resolve).
  await deps.items.update(
    ctx.teamId,
    item.id,
    (latest) => {
      if (!isOpen(latest.status))
        throw invalid(`${formatItemId(item.id)} is closed; reopen it first if it still bites.`);
      return latest;
    },
    { kind: 'pain_reported', actorId: ctx.userId, detail: `${formatHours(lost)} h` },
  );
  await deps.pain.add(ctx.teamId, item.id, {
    userId: ctx.userId,
    hours: lost,
    at: deps.clock.now().toISOString(),
  });
  return lost;
}

/** `/debt hit`: records the report, refreshes card and panel, and answers with the new count and interest. */
export async function reportPain(
  deps: VotingDeps,
  ctx: RequestContext,
  item: Item,
  hours: number | null,
): Promise<Message> {
  const lost = await recordPain(deps, ctx, item, hours);
  // Recorded: from here on nothing may throw, so a caller that saw an error knows nothing was recorded.
  let text = `Recorded: ${formatItemId(item.id)} cost you ${formatHours(lost)} h.`;
  try {
    await refreshItemMessages(deps, item);
    const [scored] = await deps.scores.score(ctx.teamId, [item]);
    if (scored) {
      const n = scored.pain.length;
      text += ` ${n} report${n === 1 ? '' : 's'} so far; interest ${interestText(scored.score)}.`;
    }
  } catch (error) {
    deps.logger.warn('pain report recorded; refresh or summary failed', { itemId: item.id, error });
  }
  return buildNotice(text);
}
