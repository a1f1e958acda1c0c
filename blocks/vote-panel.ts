// The vote panel (SPEC §2.3): the first reply in the card's thread, where the team scores the item.
import { formatItemId, type Item, isOpen, STATUS_LABELS } from '../src/domain/item.ts';
import {
  type Dimension,
  EFFORT_SCALE,
  FREQUENCY_SCALE,
  type Level,
  SEVERITY_SCALE,
} from '../src/domain/scales.ts';
import type { Score, Vote } from '../src/domain/scoring.ts';
import { confidenceText, interestText, paybackText, scaleLabel, tallies, tallyText } from './format.ts';
import { ACTION, BLOCK, voteActionId } from './ids.ts';
import {
  actions,
  type Block,
  button,
  context,
  escapeAndTruncate,
  type Message,
  message,
  section,
} from './kit.ts';

export interface VotePanelModel {
  item: Item;
  score: Score;
  votes: Vote[];
}

interface Option {
  level: Level;
  anchor: string;
}

const DIMENSIONS: { dimension: Dimension; blockId: string; question: string; options: Option[] }[] = [
  {
    dimension: 'severity',
    blockId: BLOCK.voteSeverity,
    question: '*Severity* — when it bites, how bad is it? (hours lost each time, everyone involved)',
    options: SEVERITY_SCALE.map((s) => ({ level: s.level, anchor: `${s.anchor} (${s.hours} h)` })),
  },
  {
    dimension: 'frequency',
    blockId: BLOCK.voteFrequency,
    question: '*Frequency* — how often does it bite anyone on the team?',
    options: FREQUENCY_SCALE.map((f) => ({ level: f.level, anchor: `${f.anchor} (${f.perWeek}/week)` })),
  },
  {
    dimension: 'effort',
    blockId: BLOCK.voteEffort,
    question: '*Effort* — how big is a proper fix?',
    options: EFFORT_SCALE.map((e) => ({ level: e.level, anchor: `${e.anchor} (${e.hours} h)` })),
  },
];

function dimensionBlocks(model: VotePanelModel, open: boolean): Block[] {
  return DIMENSIONS.flatMap(({ dimension, blockId, question, options }) => {
    const counts = tallies(model.votes, dimension);
    const buttons = options.map((o) => {
      const n = counts[o.level - 1] ?? 0;
      const label = `${o.level} ${scaleLabel(dimension, o.level)}${n > 0 ? ` · ${n}` : ''}`;
      return button(voteActionId(dimension, o.level), label, {
        value: String(model.item.id),
      });
    });
    const summary = options
      .map((o) => `*${o.level} ${scaleLabel(dimension, o.level)}*: ${o.anchor}`)
      .join(' · ');
    return open
      ? [section(question), actions(blockId, buttons), context([summary])]
      : [section(`${question}\n${tallyText(model.votes, dimension, 'no votes')}`)];
  });
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
      : 'Click to vote; click your choice again to take it back. Only you see your confirmation.';
  const blocks: Block[] = [
    section(`*Vote on ${id}* · ${escapeAndTruncate(item.title, 150)}\n${state}`),
    ...dimensionBlocks(model, open),
    context([
      `*${score.voters} voter${score.voters === 1 ? '' : 's'}* · interest ${interestText(score)} · payback ${paybackText(score)} · confidence ${confidenceText(score)}`,
    ]),
  ];
  if (!frozen) {
    blocks.push(
      actions(BLOCK.votingControls, [
        item.votingClosed
          ? button(ACTION.reopenVoting, 'Reopen voting', { value: String(item.id) })
          : button(ACTION.closeVoting, 'Close voting', {
              value: String(item.id),
              confirm: {
                title: 'Close voting?',
                text: 'Votes stay as they are and keep counting; nobody can change them until voting is reopened.',
                confirm: 'Close voting',
                deny: 'Cancel',
              },
            }),
      ]),
    );
  }
  return message(`Vote on ${id}: ${score.voters} voters, ${interestText(score)}`, blocks);
}
