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
import { confidenceText, interestText, paybackText } from './format.ts';
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
  short: string;
  anchor: string;
}

const DIMENSIONS: { dimension: Dimension; blockId: string; question: string; options: Option[] }[] = [
  {
    dimension: 'severity',
    blockId: BLOCK.voteSeverity,
    question: '*Severity* — when it bites, how bad is it? (hours lost each time, everyone involved)',
    options: SEVERITY_SCALE.map((s) => ({
      level: s.level,
      short: s.label,
      anchor: `${s.anchor} (${s.hours} h)`,
    })),
  },
  {
    dimension: 'frequency',
    blockId: BLOCK.voteFrequency,
    question: '*Frequency* — how often does it bite anyone on the team?',
    options: FREQUENCY_SCALE.map((f) => ({
      level: f.level,
      short: f.label,
      anchor: `${f.anchor} (${f.perWeek}/week)`,
    })),
  },
  {
    dimension: 'effort',
    blockId: BLOCK.voteEffort,
    question: '*Effort* — how big is a proper fix?',
    options: EFFORT_SCALE.map((e) => ({
      level: e.level,
      short: e.size,
      anchor: `${e.anchor} (${e.hours} h)`,
    })),
  },
];

export function tallies(votes: readonly Vote[], dimension: Dimension): number[] {
  const counts = [0, 0, 0, 0, 0];
  for (const v of votes) if (v.dimension === dimension) counts[v.level - 1] = (counts[v.level - 1] ?? 0) + 1;
  return counts;
}

function dimensionBlocks(model: VotePanelModel, open: boolean): Block[] {
  return DIMENSIONS.flatMap(({ dimension, blockId, question, options }) => {
    const counts = tallies(model.votes, dimension);
    const buttons = options.map((o) => {
      const n = counts[o.level - 1] ?? 0;
      return button(voteActionId(dimension, o.level), `${o.level} ${o.short}${n > 0 ? ` · ${n}` : ''}`, {
        value: String(model.item.id),
      });
    });
    const summary = options.map((o) => `*${o.level} ${o.short}*: ${o.anchor}`).join(' · ');
    const tally = options.flatMap((o) =>
      (counts[o.level - 1] ?? 0) > 0 ? [`${o.short} ×${counts[o.level - 1]}`] : [],
    );
    return open
      ? [section(question), actions(blockId, buttons), context([summary])]
      : [section(`${question}\n${tally.length > 0 ? tally.join(', ') : 'no votes'}`)];
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
