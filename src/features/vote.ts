// Voting: one click on the panel counted atomically, a person's own votes read and changed in the My votes
// modal, and closing or reopening voting (SPEC §1.4, §1.6, §2.3).
import {
  type MyLevels,
  type MyVoteChange,
  type MyVotesReceiptModel,
  votingClosedText,
} from '../../blocks/my-votes-modal.ts';
import type { VoteReceiptModel } from '../../blocks/vote-receipt.ts';
import type { Deps } from '../deps.ts';
import { conflict, invalid, notFound } from '../domain/errors.ts';
import { formatItemId, type Item, isOpen } from '../domain/item.ts';
import { DIMENSIONS, type Dimension, type Level } from '../domain/scales.ts';
import { COUNTED } from '../domain/voting.ts';
import type { Actor } from './actor.ts';
import { findVisibleItem, type ItemDeps, manageItem } from './manage-item.ts';

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

/** Refuses when nobody can vote on the item now: voting closed, or the item resolved or won't fix. */
function requireVotingOpen(item: Item): void {
  const frozen = !isOpen(item.status);
  if (frozen || item.votingClosed) throw conflict(votingClosedText(item.id, frozen));
}

async function levelsOf(deps: Pick<VotingDeps, 'votes'>, actor: Actor, itemId: number): Promise<MyLevels> {
  const votes = (await deps.votes.forItems(actor.teamId, [itemId])).get(itemId) ?? [];
  const mine: MyLevels = {};
  for (const v of votes) if (v.userId === actor.userId) mine[v.dimension] = v.level;
  return mine;
}

/** *My votes*: the item and this person's current votes, or a refusal when voting is closed. */
export async function readMyVotes(
  deps: VotingDeps,
  actor: Actor,
  itemId: number,
): Promise<{ item: Item; mine: MyLevels }> {
  const item = await findVisibleItem(deps, actor, itemId);
  requireVotingOpen(item);
  return { item, mine: await levelsOf(deps, actor, itemId) };
}

export interface MyVotesSubmission {
  itemId: number;
  /** The level wanted per dimension, null to take the vote back; a dimension left out stays as it is. */
  levels: Partial<Record<Dimension, Level | null>>;
  /** Stable for one modal as submitted (view id and hash): a resubmission counts once. */
  submissionId: string;
}

/** Whatever voting refuses with: the item went away, or voting closed after the modal opened. */
const REFUSED = new Set(['not_found', 'closed', 'frozen']);

/**
 * Applies a My votes submission through the same atomic script as a click (`votes.cast`), one dimension at
 * a time, so every change is checked against the item's latest state, recorded in its history and guarded
 * against a second delivery. The script toggles: casting the current level takes it back, any other level
 * sets it. Refused before anything changed when voting is closed; if it closes between two dimensions, what
 * was saved stays and the receipt says the rest was not (the store has no all-dimensions script yet).
 */
export async function setMyVotes(
  deps: VotingDeps,
  actor: Actor,
  submission: MyVotesSubmission,
): Promise<MyVotesReceiptModel> {
  const { itemId } = submission;
  const item = await findVisibleItem(deps, actor, itemId);
  requireVotingOpen(item);
  const current = await levelsOf(deps, actor, itemId);
  const changes: MyVoteChange[] = [];
  let cut = false;
  for (const dimension of DIMENSIONS) {
    const wanted = submission.levels[dimension];
    const had = current[dimension];
    if (wanted === undefined || wanted === (had ?? null)) continue;
    const level = wanted ?? had;
    if (level === undefined) continue;
    // Exactly what the form says (never a toggle): a click since it was read cannot flip the meaning.
    const outcome = await deps.votes.cast({
      teamId: actor.teamId,
      userId: actor.userId,
      itemId,
      dimension,
      level,
      mode: wanted === null ? 'clear' : 'set',
      deliveryId: `my-votes:${submission.submissionId}:${dimension}:${wanted ?? 'none'}`,
    });
    if (REFUSED.has(outcome)) {
      if (changes.length === 0) {
        const latest = await deps.items.get(actor.teamId, itemId);
        if (!latest) throw notFound(formatItemId(itemId));
        throw conflict(votingClosedText(itemId, !isOpen(latest.status)));
      }
      cut = true;
      break;
    }
    // 'duplicate': this modal's change was already applied by an earlier delivery, or the vote was set by a
    // click a moment ago (the double-click guard); either way there is nothing more to do here.
    if (COUNTED.has(outcome)) changes.push({ dimension, level: wanted });
  }
  if (changes.length === 0) return { itemId, changes, cut, score: null };
  await deps.producers.refreshItemMessages(item);
  const [scored] = await deps.scores.score(actor.teamId, [item]);
  return { itemId, changes, cut, score: scored?.score ?? null };
}
