// The ephemeral confirmation a voter gets (SPEC §2.3): their vote and the item's new figures.
import { formatItemId } from '../src/domain/item.ts';
import type { Dimension, Level } from '../src/domain/scales.ts';
import type { Score } from '../src/domain/scoring.ts';
import type { VoteOutcome } from '../src/domain/voting.ts';
import { levelText, scoreLine } from './format.ts';
import { context, type Message, message, section } from './kit.ts';
import { buildNotice } from './notice.ts';

const REFUSALS: Partial<Record<VoteOutcome, (id: string) => string>> = {
  not_found: (id) => `${id} no longer exists, so the vote was not counted.`,
  frozen: (id) => `${id} is closed (resolved or won't fix), so voting is frozen. Reopen it to vote again.`,
  closed: (id) => `Voting on ${id} is closed. The reporter, owner, stewards or an admin can reopen it.`,
  duplicate: () => 'That click was already counted.',
};

export interface VoteReceiptModel {
  itemId: number;
  dimension: Dimension;
  level: Level;
  outcome: VoteOutcome;
  score: Score | null;
}

export function buildVoteReceipt(model: VoteReceiptModel): Message {
  const id = formatItemId(model.itemId);
  const refusal = REFUSALS[model.outcome];
  if (refusal || !model.score) {
    return buildNotice(refusal ? refusal(id) : `${id}: nothing changed.`);
  }
  const choice = `${model.dimension} ${levelText(model.dimension, model.level)}`;
  const what =
    model.outcome === 'retracted'
      ? `You took back your vote (${choice}) on ${id}.`
      : `You voted ${choice} on ${id}.`;
  // scoreLine names what is missing ("needs a frequency vote") until the item has an interest.
  const figures = `${id} now: ${scoreLine(model.score)}`;
  return message(`${what} ${figures}`, [section(what), context([figures])]);
}
