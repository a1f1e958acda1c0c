// Voting: one click on the panel counted atomically, and closing or reopening voting (SPEC §1.4, §1.6).
import type { VoteReceiptModel } from '../../blocks/vote-receipt.ts';
import type { Deps } from '../deps.ts';
import { invalid } from '../domain/errors.ts';
import { formatItemId } from '../domain/item.ts';
import type { Dimension, Level } from '../domain/scales.ts';
import { COUNTED } from '../domain/voting.ts';
import type { Actor } from './actor.ts';
import { type ItemDeps, manageItem } from './manage-item.ts';

export type VotingDeps = ItemDeps & Pick<Deps, 'votes' | 'pain'>;

export interface VoteClick {
  itemId: number;
  dimension: Dimension;
  level: Level;
  deliveryId: string;
}

/** Counts one click atomically, queues the card and panel refresh, and returns what the voter's receipt shows. */
export async function castVote(deps: VotingDeps, actor: Actor, click: VoteClick): Promise<VoteReceiptModel> {
  const outcome = await deps.votes.cast({ teamId: actor.teamId, userId: actor.userId, ...click });
  if (!COUNTED.has(outcome)) return { ...click, outcome, score: null };
  const item = await deps.items.get(actor.teamId, click.itemId);
  if (!item) return { ...click, outcome: 'not_found', score: null };
  const [scored] = await deps.scores.score(actor.teamId, [item]);
  await deps.producers.refreshItemMessages(item);
  return { ...click, outcome, score: scored?.score ?? null };
}

/** Closes or reopens voting; votes are kept either way (SPEC §1.6). */
export function setVotingClosed(deps: VotingDeps, actor: Actor, itemId: number, closed: boolean) {
  return manageItem(
    deps,
    actor,
    itemId,
    closed ? 'close voting on' : 'reopen voting on',
    (i) => {
      if (i.votingClosed === closed)
        throw invalid(`Voting on ${formatItemId(itemId)} is already ${closed ? 'closed' : 'open'}.`);
      return { ...i, votingClosed: closed };
    },
    { kind: 'edited', actorId: actor.userId, detail: closed ? 'voting closed' : 'voting reopened' },
  );
}
