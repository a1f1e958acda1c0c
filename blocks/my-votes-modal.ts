// *My votes* (SPEC §2.3): one person's votes on one item, pre-selected, to change or take back; the §1.3
// anchors the panel leaves out are the options' descriptions here. Also its receipt and its refusal.
import { formatItemId } from '../src/domain/item.ts';
import {
  DIMENSIONS,
  type Dimension,
  EFFORT_SCALE,
  FREQUENCY_SCALE,
  type Level,
  SEVERITY_SCALE,
} from '../src/domain/scales.ts';
import type { Score } from '../src/domain/scoring.ts';
import { hours, levelText, scoreLine } from './format.ts';
import { CALLBACK, FIELD, type FieldId } from './ids.ts';
import { input, type ModalView, modal } from './inputs.ts';
import {
  type Block,
  context,
  escapeAndTruncateAtWord,
  type Message,
  message,
  option,
  section,
  truncateAtWord,
} from './kit.ts';
import { SLACK_LIMITS } from './limits.ts';
import { buildNotice } from './notice.ts';
import { DIMENSION_TEXT } from './vote-panel.ts';

/** The radio value that means "no vote in this dimension": choosing it takes a vote back. */
export const NO_VOTE = 'none';

/** The modal's input per dimension; the filing modal's estimate fields, so both read the same way. */
export const MY_VOTE_FIELD: Record<Dimension, FieldId> = {
  severity: FIELD.severity,
  frequency: FIELD.frequency,
  effort: FIELD.effort,
};

/** One person's current level per dimension; a dimension they have not voted on is absent. */
export type MyLevels = Partial<Record<Dimension, Level>>;

export interface MyVotesModalModel {
  itemId: number;
  title: string;
  mine: MyLevels;
  privateMetadata: string;
}

/**
 * The §1.3 anchor, cut at a word to an option description's 75 characters. Severity leads with its hours;
 * effort's hours are already in its label ("M (24 h)") and a frequency's label is its rate.
 */
function anchor(dimension: Dimension, level: Level): string {
  const i = level - 1;
  const text =
    dimension === 'severity'
      ? `${hours(SEVERITY_SCALE[i]?.hours ?? 0)} h · ${SEVERITY_SCALE[i]?.anchor ?? ''}`
      : ((dimension === 'frequency' ? FREQUENCY_SCALE : EFFORT_SCALE)[i]?.anchor ?? '');
  return truncateAtWord(text, SLACK_LIMITS.optionText);
}

function radios(dimension: Dimension, current: Level | undefined): Block {
  const options = [
    ...([1, 2, 3, 4, 5] as const).map((level) =>
      option(levelText(dimension, level), String(level), anchor(dimension, level)),
    ),
    option('No vote', NO_VOTE, current === undefined ? undefined : 'take my vote back'),
  ];
  const chosen = options.find((o) => o.value === (current === undefined ? NO_VOTE : String(current)));
  return { type: 'radio_buttons', options, ...(chosen ? { initial_option: chosen } : {}) };
}

export function buildMyVotesModal(model: MyVotesModalModel): ModalView {
  return modal(CALLBACK.myVotesModal, { title: 'My votes', submit: 'Save' }, model.privateMetadata, [
    section(
      `*${formatItemId(model.itemId)}* · ${escapeAndTruncateAtWord(model.title, 150)}\nOnly your own votes; the team sees counts once enough people have voted.`,
    ),
    ...DIMENSIONS.map((dimension) => {
      const { name, question } = DIMENSION_TEXT[dimension];
      // Optional, so a radio group left untouched can never block saving the others.
      return input(
        MY_VOTE_FIELD[dimension],
        `${name}: ${question}`,
        radios(dimension, model.mine[dimension]),
        {
          optional: true,
        },
      );
    }),
  ]);
}

/** Why My votes cannot change anything now: voting closed on the item, or the item resolved or won't fix. */
export function votingClosedText(itemId: number, frozen: boolean): string {
  const id = formatItemId(itemId);
  return frozen
    ? `${id} is closed (resolved or won't fix), so voting is frozen and your votes cannot change. Reopen it to vote again.`
    : `Voting on ${id} is closed, so your votes cannot change. The reporter, owner, stewards or an admin can reopen it.`;
}

export function buildVotingClosedNotice(itemId: number, frozen: boolean): Message {
  return buildNotice(votingClosedText(itemId, frozen));
}

/** What one My votes submission changed: a level set, or null for a vote taken back. */
export interface MyVoteChange {
  dimension: Dimension;
  level: Level | null;
}

export interface MyVotesReceiptModel {
  itemId: number;
  changes: MyVoteChange[];
  /** Voting closed part way through: the changes listed were saved, the rest were not. */
  cut: boolean;
  score: Score | null;
}

/** The voter's private confirmation, like a vote click's: what changed and the item's new figures. */
export function buildMyVotesReceipt(model: MyVotesReceiptModel): Message {
  const id = formatItemId(model.itemId);
  if (model.changes.length === 0) return buildNotice(`Your votes on ${id} are unchanged.`);
  const parts = model.changes.map(({ dimension, level }) =>
    level === null ? `took back your ${dimension} vote` : `voted ${dimension} ${levelText(dimension, level)}`,
  );
  const what = `On ${id} you ${parts.join(', ')}.${model.cut ? ' Voting closed before the rest was saved.' : ''}`;
  if (!model.score) return buildNotice(what);
  const figures = `${id} now: ${scoreLine(model.score)}`;
  return message(`${what} ${figures}`, [section(what), context([figures])]);
}
