// The vote panel and the My votes modal at the limits: 5,000 voters, maximal hostile titles, tallies hidden
// before quorum, accessibility labels, and a panel short enough for a phone.
import { describe, expect, it } from 'vitest';
import { levelText } from '../../blocks/format.ts';
import { ACTION, BLOCK, CALLBACK, FIELD } from '../../blocks/ids.ts';
import {
  buildMyVotesModal,
  buildMyVotesReceipt,
  buildVotingClosedNotice,
  NO_VOTE,
} from '../../blocks/my-votes-modal.ts';
import { buildVotePanel, quorumText } from '../../blocks/vote-panel.ts';
import { scoreItem, type Vote } from '../../src/domain/scoring.ts';
import { blockTextLength } from '../../src/sandbox/fake-slack/payload-rules.ts';
import { MAX_ID, MAX_TITLE, makeItem, makeVotes, NOW, score } from './fixtures.ts';
import { buttons, messageProblems, nodes, type Obj, renderedText, viewProblems } from './problems.ts';

const voteButtons = (msg: ReturnType<typeof buildVotePanel>) =>
  buttons(msg).filter((b) => String(b.action_id).startsWith(`${ACTION.vote}:`));
const buttonText = (b: Obj) => (b.text as { text: string }).text;

describe('buildVotePanel', () => {
  const panel = (overrides: Parameters<typeof makeItem>[0] = {}, votes = makeVotes(5000)) =>
    buildVotePanel({ item: makeItem({ id: MAX_ID, ...overrides }), score: score(votes), votes, quorum: 2 });

  /** A panel scored against `quorum`, as the channel's setting would have it. */
  const panelAt = (quorum: number, votes: Vote[], overrides: Parameters<typeof makeItem>[0] = {}) =>
    buildVotePanel({
      item: makeItem({ id: MAX_ID, ...overrides }),
      score: scoreItem(votes, [], quorum, NOW),
      votes,
      quorum,
    });

  it('stays within every limit with 5,000 voters and a maximal hostile title, open, closed and frozen', () => {
    for (const overrides of [{}, { votingClosed: true }, { status: 'resolved' as const }])
      expect(messageProblems(panel(overrides))).toEqual([]);
  });

  it('fits a phone: few blocks and short text, the long §1.3 anchors left to the modal', () => {
    const msg = panel();
    expect(msg.blocks.length).toBeLessThanOrEqual(12);
    expect(blockTextLength(msg.blocks)).toBeLessThan(1500);
    expect(renderedText(msg)).not.toContain('a week or more; outage');
  });

  it('shows per-option tallies once ranked, and names dimension, option and count to screen readers', () => {
    const msg = panel();
    const ids = voteButtons(msg).map((b) => b.action_id);
    for (const dimension of ['severity', 'frequency', 'effort'])
      for (const level of [1, 2, 3, 4, 5]) expect(ids).toContain(`${ACTION.vote}:${dimension}:${level}`);
    // makeVotes spreads 5,000 people over the five levels: 1,000 each.
    const severe = voteButtons(msg).find((b) => b.action_id === `${ACTION.vote}:severity:3`);
    expect(buttonText(severe ?? {})).toBe(`${levelText('severity', 3)} · 1000`);
    expect(severe?.accessibility_label).toBe('Severity 3, Moderate: 1000 votes');
    const xl = voteButtons(msg).find((b) => b.action_id === `${ACTION.vote}:effort:5`);
    expect(xl?.accessibility_label).toBe('Effort XL: 1000 votes');
    for (const b of [...voteButtons(msg), ...buttons(msg).filter((b) => b.action_id === ACTION.myVotes)]) {
      expect(typeof b.accessibility_label).toBe('string');
      expect(String(b.accessibility_label).length).toBeLessThanOrEqual(75);
    }
    expect(renderedText(msg)).not.toContain('needed have voted');
  });

  it('hides every per-option count before quorum, and says how many of how many needed have voted', () => {
    const votes = makeVotes(2, () => 4);
    const msg = panelAt(3, votes);
    for (const b of voteButtons(msg)) {
      expect(buttonText(b)).not.toMatch(/·\s*\d/);
      expect(String(b.accessibility_label)).not.toMatch(/vote/);
    }
    expect(renderedText(msg)).toContain('2 of 3 needed have voted');
    expect(messageProblems(msg)).toEqual([]);
    // Once the third person votes the counts appear.
    const ranked = panelAt(
      3,
      makeVotes(3, () => 4),
    );
    expect(
      buttonText(voteButtons(ranked).find((b) => b.action_id === `${ACTION.vote}:severity:4`) ?? {}),
    ).toBe(`${levelText('severity', 4)} · 3`);
  });

  it('keeps counts hidden on a closed panel that never reached quorum, and shows them once it did', () => {
    expect(renderedText(panelAt(2, makeVotes(1), { votingClosed: true }))).toContain('counts hidden');
    expect(renderedText(panel({ votingClosed: true }))).toContain(`${levelText('severity', 5)} ×1000`);
  });

  it('words the quorum line for a missing quorum and for a quorum met without a score', () => {
    const unscored = score(makeVotes(3).filter((v) => v.dimension === 'severity'));
    expect(quorumText(unscored, 2)).toContain('3 of 2 needed have voted · counts show once severity');
    expect(quorumText(score([]), undefined)).toContain('0 voted so far');
  });

  it('offers My votes and Close voting while open, only Reopen voting when closed, nothing when frozen', () => {
    const controls = (msg: ReturnType<typeof buildVotePanel>) =>
      msg.blocks.find((b) => b.block_id === BLOCK.votingControls);
    const open = panel();
    expect(nodes(controls(open)).flatMap((n) => (n.type === 'button' ? [n.action_id] : []))).toEqual([
      ACTION.myVotes,
      ACTION.closeVoting,
    ]);
    expect(buttons(open).find((b) => b.action_id === ACTION.myVotes)?.value).toBe(String(MAX_ID));
    expect(buttons(panel({ votingClosed: true })).map((b) => b.action_id)).toEqual([ACTION.reopenVoting]);
    expect(buttons(panel({ status: 'wont_fix' }))).toEqual([]);
  });

  it('keeps the block ids old panels were posted with (SPEC §2.9)', () => {
    expect(
      panel()
        .blocks.map((b) => b.block_id)
        .filter(Boolean),
    ).toEqual([BLOCK.voteSeverity, BLOCK.voteFrequency, BLOCK.voteEffort, BLOCK.votingControls]);
  });
});

describe('buildMyVotesModal', () => {
  const view = (mine = {}) =>
    buildMyVotesModal({ itemId: MAX_ID, title: MAX_TITLE, mine, privateMetadata: '{"v":1}' });
  const radios = (v: ReturnType<typeof view>) =>
    nodes(v.blocks).filter((n) => n.type === 'radio_buttons') as Array<{
      options: Array<{ value: string; text: { text: string }; description?: { text: string } }>;
      initial_option?: { value: string };
    }>;

  it('stays within limits with a maximal hostile title', () => {
    expect(viewProblems(view())).toEqual([]);
    expect(viewProblems(view({ severity: 5, frequency: 1, effort: 3 }))).toEqual([]);
  });

  it('has one radio group per dimension with the §1.3 anchors as descriptions, within 75 characters', () => {
    const v = view();
    expect(v.callback_id).toBe(CALLBACK.myVotesModal);
    expect(v.blocks.flatMap((b) => (b.type === 'input' ? [b.block_id] : []))).toEqual([
      FIELD.severity,
      FIELD.frequency,
      FIELD.effort,
    ]);
    const groups = radios(v);
    expect(groups).toHaveLength(3);
    for (const group of groups) {
      expect(group.options.map((o) => o.value)).toEqual(['1', '2', '3', '4', '5', NO_VOTE]);
      for (const o of group.options) {
        expect(o.text.text.length).toBeLessThanOrEqual(75);
        expect((o.description?.text ?? '').length).toBeLessThanOrEqual(75);
      }
    }
    expect(groups[0]?.options[2]?.text.text).toBe(levelText('severity', 3));
    expect(groups[0]?.options[2]?.description?.text).toContain('about half a day');
    expect(groups[0]?.options[4]?.description?.text).toMatch(/^40 h · a week or more; outage.*…$/);
    expect(groups[2]?.options[0]?.description?.text).toContain('≤ 2 hours');
  });

  it('pre-selects the current votes and "No vote" where there is none', () => {
    const groups = radios(view({ severity: 4, effort: 2 }));
    expect(groups.map((g) => g.initial_option?.value)).toEqual(['4', NO_VOTE, '2']);
  });
});

describe('the My votes receipt and refusal', () => {
  it('names what changed and the new figures, within limits', () => {
    const msg = buildMyVotesReceipt({
      itemId: MAX_ID,
      changes: [
        { dimension: 'severity', level: 5 },
        { dimension: 'effort', level: null },
      ],
      cut: true,
      score: score(),
    });
    expect(messageProblems(msg)).toEqual([]);
    const text = renderedText(msg);
    expect(text).toContain(`voted severity ${levelText('severity', 5)}`);
    expect(text).toContain('took back your effort vote');
    expect(text).toContain('Voting closed before the rest was saved');
    expect(text).toContain('DEBT-999999999 now: ');
  });

  it('says when nothing changed, and why a closed item takes no votes', () => {
    expect(renderedText(buildMyVotesReceipt({ itemId: 7, changes: [], cut: false, score: null }))).toContain(
      'unchanged',
    );
    expect(renderedText(buildVotingClosedNotice(MAX_ID, false))).toContain(
      'Voting on DEBT-999999999 is closed',
    );
    expect(renderedText(buildVotingClosedNotice(7, true))).toContain('frozen');
    expect(messageProblems(buildVotingClosedNotice(MAX_ID, true))).toEqual([]);
  });
});
