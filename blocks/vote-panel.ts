// The vote panel (SPEC §2.3): the first reply in the card's thread, where the team scores the item. Kept
// short enough for a phone; the long §1.3 anchors live in the My votes modal's option descriptions.
import { formatItemId, type Item, isOpen, STATUS_LABELS } from '../src/domain/item.ts';
import { DIMENSIONS, type Dimension, type Level } from '../src/domain/scales.ts';
import type { Score, Vote } from '../src/domain/scoring.ts';
import { interestText, levelText, scaleLabel, scoreLine, tallies } from './format.ts';
import { ACTION, BLOCK, voteActionId } from './ids.ts';
import {
  actions,
  type Block,
  button,
  context,
  escapeAndTruncateAtWord,
  type Message,
  message,
  section,
  truncate,
} from './kit.ts';
import { SLACK_LIMITS } from './limits.ts';

export interface VotePanelModel {
  item: Item;
  score: Score;
  votes: Vote[];
  /**
   * The channel's quorum (§1.4), for "2 of 3 needed have voted"; without it (a caller that does not know it)
   * the panel says how many voted and that counts come later.
   */
  quorum?: number;
}

const LEVELS: readonly Level[] = [1, 2, 3, 4, 5];

/** The dimension's name and its question, short: the panel has to fit a phone screen or three. */
export const DIMENSION_TEXT: Record<Dimension, { name: string; question: string; blockId: string }> = {
  severity: { name: 'Severity', question: 'how bad is it each time it bites?', blockId: BLOCK.voteSeverity },
  frequency: { name: 'Frequency', question: 'how often does it bite anyone?', blockId: BLOCK.voteFrequency },
  effort: { name: 'Effort', question: 'how big is a proper fix?', blockId: BLOCK.voteEffort },
};

/**
 * What a screen reader says for one vote button (≤ 75 chars): "Severity 3, Moderate: 2 votes". Effort sizes
 * carry no number ("Effort M"). The count is left out while tallies are hidden, like on the button.
 */
export function voteButtonLabel(dimension: Dimension, level: Level, count: number | null): string {
  const { name } = DIMENSION_TEXT[dimension];
  const option =
    dimension === 'effort'
      ? `${name} ${scaleLabel(dimension, level)}`
      : `${name} ${level}, ${scaleLabel(dimension, level)}`;
  const votes = count === null ? '' : `: ${count} vote${count === 1 ? '' : 's'}`;
  return truncate(`${option}${votes}`, SLACK_LIMITS.buttonText);
}

function voteButton(itemId: number, dimension: Dimension, level: Level, count: number | null): Block {
  const shown = count !== null && count > 0 ? ` · ${count}` : '';
  return {
    ...button(voteActionId(dimension, level), `${levelText(dimension, level)}${shown}`, {
      value: String(itemId),
    }),
    accessibility_label: voteButtonLabel(dimension, level, count),
  };
}

/**
 * Per-option counts are shown only once the item is ranked (scored and at quorum, §1.4), so early votes do
 * not anchor later ones; null while they are hidden.
 */
function shownTallies(model: VotePanelModel, dimension: Dimension): number[] | null {
  return model.score.ranked ? tallies(model.votes, dimension) : null;
}

/** Before quorum: "1 of 2 needed have voted", the only count people see. */
export function quorumText(score: Score, quorum: number | undefined): string {
  const have = score.quorumCount;
  if (quorum === undefined) return `${have} voted so far · counts show once enough have voted`;
  if (have < quorum) return `${have} of ${quorum} needed have voted · counts show after that`;
  // At quorum but not scored: someone still has to vote on severity or on frequency.
  return `${have} of ${quorum} needed have voted · counts show once severity and frequency both have votes`;
}

function dimensionBlocks(model: VotePanelModel, open: boolean): Block[] {
  return DIMENSIONS.flatMap((dimension) => {
    const { name, question, blockId } = DIMENSION_TEXT[dimension];
    const counts = shownTallies(model, dimension);
    const heading = `*${name}* · ${question}`;
    if (open) {
      const buttons = LEVELS.map((level) =>
        voteButton(model.item.id, dimension, level, counts ? (counts[level - 1] ?? 0) : null),
      );
      return [section(heading), actions(blockId, buttons)];
    }
    const summary = counts
      ? LEVELS.flatMap((level) => {
          const n = counts[level - 1] ?? 0;
          return n > 0 ? [`${levelText(dimension, level)} ×${n}`] : [];
        }).join(', ') || 'no votes'
      : 'counts hidden';
    return [section(`${heading}\n${summary}`)];
  });
}

function controls(item: Item): Block {
  const value = String(item.id);
  if (item.votingClosed)
    return actions(BLOCK.votingControls, [button(ACTION.reopenVoting, 'Reopen voting', { value })]);
  return actions(BLOCK.votingControls, [
    {
      ...button(ACTION.myVotes, 'My votes', { value }),
      accessibility_label: truncate(
        `My votes on ${formatItemId(item.id)}: see, change or take back`,
        SLACK_LIMITS.buttonText,
      ),
    },
    button(ACTION.closeVoting, 'Close voting', {
      value,
      confirm: {
        title: 'Close voting?',
        text: 'Votes stay as they are and keep counting; nobody can change them until voting is reopened.',
        confirm: 'Close voting',
        deny: 'Cancel',
      },
    }),
  ]);
}

export function buildVotePanel(model: VotePanelModel): Message {
  const { item, score } = model;
  const id = formatItemId(item.id);
  const frozen = !isOpen(item.status);
  const open = !frozen && !item.votingClosed;
  const state = frozen
    ? `Voting is frozen: ${id} is ${STATUS_LABELS[item.status].toLowerCase()}. Reopening it restores voting.`
    : item.votingClosed
      ? 'Voting is closed. The reporter, owner, stewards or an admin can reopen it.'
      : 'Tap to vote, tap again to take it back. *My votes* explains each option.';
  // The card's one line of numbers (scoreLine), so panel and card say the same thing the same way.
  const figures = scoreLine(score);
  const blocks: Block[] = [
    section(`*Vote on ${id}* · ${escapeAndTruncateAtWord(item.title, 150)}\n${state}`),
    ...dimensionBlocks(model, open),
    context(score.ranked ? [figures] : [figures, quorumText(score, model.quorum)]),
  ];
  if (!frozen) blocks.push(controls(item));
  const voters = `${score.voters} voter${score.voters === 1 ? '' : 's'}`;
  return message(`Vote on ${id}: ${voters}, ${interestText(score)}`, blocks);
}
