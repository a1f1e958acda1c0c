// The vote panel, the vote receipt and the pain modal, fed maximal and hostile input.
import { describe, expect, it } from 'vitest';
import { ACTION, BLOCK } from '../../blocks/ids.ts';
import { buildPainModal } from '../../blocks/pain-modal.ts';
import { buildVotePanel } from '../../blocks/vote-panel.ts';
import { buildVoteReceipt } from '../../blocks/vote-receipt.ts';
import type { VoteOutcome } from '../../src/domain/voting.ts';
import { MAX_ID, MAX_TITLE, makeItem, makeVotes, score } from './fixtures.ts';
import { buttons, messageProblems, renderedText, viewProblems } from './problems.ts';

describe('buildVotePanel', () => {
  const panel = (overrides: Parameters<typeof makeItem>[0] = {}, votes = makeVotes(60)) =>
    buildVotePanel({ item: makeItem({ id: MAX_ID, ...overrides }), score: score(votes), votes });

  it('stays within limits and escaped with a maximal title and 60 voters in each dimension', () => {
    expect(messageProblems(panel())).toEqual([]);
  });

  it('offers 5 buttons per dimension with the §1.3 short labels, tallies, and Close voting', () => {
    const msg = panel();
    const ids = buttons(msg).map((b) => b.action_id);
    for (const dimension of ['severity', 'frequency', 'effort'])
      for (const level of [1, 2, 3, 4, 5]) expect(ids).toContain(`${ACTION.vote}:${dimension}:${level}`);
    expect(ids).toContain(ACTION.closeVoting);
    const text = JSON.stringify(msg.blocks);
    for (const label of ['1 · Nuisance', '4 · Major', '5 · Many times a day', 'XS (2 h)', 'XL (120 h)'])
      expect(text).toContain(label);
    // The long §1.3 anchors moved to the My votes modal (test/blocks/vote-panel.test.ts), so the panel fits a phone.
    expect(renderedText(msg)).not.toContain('a week or more; outage');
    expect(msg.blocks.map((b) => b.block_id).filter(Boolean)).toEqual(
      expect.arrayContaining([
        BLOCK.voteSeverity,
        BLOCK.voteFrequency,
        BLOCK.voteEffort,
        BLOCK.votingControls,
      ]),
    );
  });

  it('shows no vote buttons once voting is closed, and offers to reopen it', () => {
    const ids = buttons(panel({ votingClosed: true })).map((b) => b.action_id);
    expect(ids).toEqual([ACTION.reopenVoting]);
  });

  it('is frozen for a resolved item: no buttons at all, and says why', () => {
    const msg = panel({ status: 'resolved' });
    expect(buttons(msg)).toEqual([]);
    expect(renderedText(msg)).toContain('frozen');
    expect(messageProblems(msg)).toEqual([]);
  });

  it('says which votes it needs before anyone voted', () => {
    const msg = panel({}, []);
    expect(renderedText(msg)).toContain('needs severity and frequency votes');
    expect(renderedText(msg)).toContain('0 voters');
  });
});

describe('buildVoteReceipt', () => {
  const outcomes: VoteOutcome[] = [
    'set',
    'changed',
    'retracted',
    'duplicate',
    'not_found',
    'closed',
    'frozen',
  ];
  it.each(outcomes)('answers %s within limits', (outcome) => {
    const msg = buildVoteReceipt({
      itemId: MAX_ID,
      dimension: 'severity',
      level: 5,
      outcome,
      score: score(),
    });
    expect(messageProblems(msg)).toEqual([]);
    expect(msg.text.length).toBeGreaterThan(0);
  });

  it('names the vote, the new interest, payback and confidence', () => {
    const text = renderedText(
      buildVoteReceipt({ itemId: 7, dimension: 'frequency', level: 4, outcome: 'set', score: score() }),
    );
    expect(text).toContain('You voted frequency 4 · Daily on DEBT-7.');
    expect(text).toMatch(/DEBT-7 now: \d+ h\/week · fix .* · pays back in .* confidence, \d+ voters/);
  });
});

describe('buildVoteReceipt names what is missing', () => {
  const receipt = (votes: Parameters<typeof score>[0]) =>
    renderedText(
      buildVoteReceipt({ itemId: 7, dimension: 'effort', level: 3, outcome: 'set', score: score(votes) }),
    );
  const vote = (dimension: 'severity' | 'frequency' | 'effort', level: 1 | 2 | 3 | 4 | 5) => ({
    userId: 'U0VOTER001',
    dimension,
    level,
  });

  it('says which vote the interest still needs, never just "needs votes"', () => {
    expect(receipt([vote('severity', 3)])).toContain('needs a frequency vote');
    expect(receipt([vote('frequency', 4)])).toContain('needs a severity vote');
    expect(receipt([vote('effort', 3)])).toContain('needs severity and frequency votes');
    for (const votes of [[vote('severity', 3)], [vote('effort', 3)]]) {
      expect(receipt(votes)).not.toContain('interest needs votes');
    }
  });

  it('shows effort as size then hours', () => {
    expect(receipt([vote('effort', 3)])).toContain('You voted effort M (24 h) on DEBT-7.');
  });
});

describe('buildPainModal', () => {
  it('stays within limits and escaped with a maximal title', () => {
    const view = buildPainModal({
      itemId: MAX_ID,
      title: MAX_TITLE,
      defaultHours: 40,
      privateMetadata: '{"v":1}',
    });
    expect(viewProblems(view)).toEqual([]);
  });
});
