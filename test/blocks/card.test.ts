// The compact card (SPEC §2.3): one line of numbers, the facts that are set, It bit me, one main button and
// an overflow menu — within the §4 limits at the largest inputs, with every id an old card posted still known.
import { describe, expect, it } from 'vitest';
import { buildCard, moreChoices } from '../../blocks/card.ts';
import { buildCelebration } from '../../blocks/celebration.ts';
import { buildDuplicateModal } from '../../blocks/duplicate-modal.ts';
import { ACTION, BLOCK, CARD_MORE, isKnownActionId, parseCardMoreValue } from '../../blocks/ids.ts';
import { escapeMrkdwn, type Message } from '../../blocks/kit.ts';
import { SLACK_LIMITS } from '../../blocks/limits.ts';
import { type Item, STATUSES } from '../../src/domain/item.ts';
import type { Level } from '../../src/domain/scales.ts';
import type { Score, Vote } from '../../src/domain/scoring.ts';
import { blockTextLength } from '../../src/sandbox/fake-slack/payload-rules.ts';
import {
  MAX_ID,
  MAX_TITLE,
  makeItem,
  makeReports,
  makeVotes,
  OWNER,
  score,
  scoreVariants,
} from './fixtures.ts';
import { buttons, messageProblems, nodes, type Obj, renderedText, viewProblems } from './problems.ts';

const overflowOf = (msg: Message): Obj | undefined => nodes(msg.blocks).find((n) => n.type === 'overflow');
const optionValues = (msg: Message): string[] =>
  ((overflowOf(msg)?.options as Obj[] | undefined) ?? []).map((o) => String(o.value));
const actionIds = (msg: Message): string[] => buttons(msg).map((b) => String(b.action_id));

/** One vote per person in each listed dimension, all at `level`. */
function votes(people: number, dims: Vote['dimension'][], level: Level): Vote[] {
  return Array.from({ length: people }, (_, i) =>
    dims.map((dimension) => ({ userId: `UV${String(i).padStart(7, '0')}`, dimension, level })),
  ).flat();
}

const small = (overrides: Partial<Item> = {}): Item =>
  makeItem({ id: 42, title: 'Nightly backfill retries by hand', status: 'open', ...overrides });

describe('the compact card at the limits', () => {
  const fiveThousand = score(makeVotes(5000));

  for (const status of STATUSES) {
    it(`stays within SPEC §4 and escaped: maximal ${status} item, 5,000 voters and every score variant`, () => {
      const scores = { ...scoreVariants(), fiveThousand };
      for (const [name, s] of Object.entries(scores)) {
        const msg = buildCard({ item: makeItem({ status }), score: s, pain: makeReports(5000) });
        expect(messageProblems(msg), name).toEqual([]);
        expect(blockTextLength(msg.blocks), name).toBeLessThan(SLACK_LIMITS.messageBlockText / 4);
      }
    });
  }

  it('shows the whole 150-char hostile title escaped, and only three blocks', () => {
    const msg = buildCard({ item: makeItem(), score: fiveThousand });
    expect(renderedText(msg)).toContain(escapeMrkdwn(MAX_TITLE));
    expect(JSON.stringify(msg)).not.toContain('<!channel>');
    expect(msg.blocks.map((b) => b.type)).toEqual(['section', 'context', 'actions']);
    expect(renderedText(msg)).toContain('5000 voters');
  });
});

describe('the line of numbers', () => {
  it('reads as SPEC §2.3 for a scored, sized item', () => {
    // severity 3 (4 h) × frequency 3 (1 a week) = 4 h/week; effort M = 24 h → 6 weeks; 3 voters, no spread.
    const s = score(votes(3, ['severity', 'frequency', 'effort'], 3));
    const msg = buildCard({ item: small(), score: s });
    expect(renderedText(msg)).toContain(
      '*DEBT-42* · *Nightly backfill retries by hand*\n4 h/week · fix M (24 h) · pays back in 6 weeks · medium confidence, 3 voters',
    );
    expect(msg.text).toContain('DEBT-42: Nightly backfill retries by hand (Open, 4 h/week');
  });

  it('says which votes are missing, never an interest of 0', () => {
    const cases: [Vote[], string][] = [
      [[], 'needs severity and frequency votes'],
      [votes(1, ['severity'], 3), 'needs a frequency vote'],
      [votes(1, ['frequency'], 3), 'needs a severity vote'],
    ];
    for (const [v, words] of cases) {
      const msg = buildCard({ item: small(), score: score(v) });
      expect(renderedText(msg)).toContain(words);
      expect(msg.text).toContain(words);
      expect(JSON.stringify(msg)).not.toMatch(/\b0 h\/week/);
    }
  });

  it('says when the interest is measured', () => {
    const msg = buildCard({ item: small(), score: scoreVariants().measured as Score });
    expect(renderedText(msg)).toContain('h/week (measured)');
  });
});

describe('category, owner and status', () => {
  it('leaves out an empty owner and component rather than saying "unassigned" or "—"', () => {
    const msg = buildCard({ item: small({ component: '', ownerId: null }), score: score([]) });
    const facts = msg.blocks[1];
    expect(JSON.stringify(facts)).toContain('"Experimentation &amp; reproducibility · Open"');
    expect(renderedText(msg)).not.toContain('unassigned');
    expect(renderedText(msg)).not.toContain('—');
  });

  it('shows the component and owner when set, and who closed a closed item', () => {
    const open = renderedText(buildCard({ item: small({ component: 'feature-store' }), score: score([]) }));
    expect(open).toContain(
      `Experimentation &amp; reproducibility · feature-store · owner <@${OWNER}> · Open`,
    );
    const closed = renderedText(
      buildCard({ item: small({ status: 'resolved', resolvedBy: 'U0DANA0001' }), score: score([]) }),
    );
    expect(closed).toContain('Resolved by <@U0DANA0001>');
  });
});

describe('buttons and the overflow menu', () => {
  const card = (status: Item['status']) => buildCard({ item: makeItem({ status }), score: score() });

  it('open: It bit me, Start, and resolve · won’t fix · duplicate · edit · details in the menu', () => {
    const msg = card('open');
    expect(actionIds(msg)).toEqual([ACTION.cardPain, ACTION.cardStart]);
    expect(optionValues(msg)).toEqual(
      ['resolve', 'wontfix', 'duplicate', 'edit', 'details'].map((c) => `${c}:${MAX_ID}`),
    );
  });

  it('in progress: It bit me, Resolve (with a confirm), and the rest in the menu', () => {
    const msg = card('in_progress');
    expect(actionIds(msg)).toEqual([ACTION.cardPain, ACTION.cardResolve]);
    expect(buttons(msg)[1]?.confirm).toBeDefined();
    expect(optionValues(msg)).toEqual(
      ['wontfix', 'duplicate', 'edit', 'details'].map((c) => `${c}:${MAX_ID}`),
    );
  });

  it('resolved or won’t fix: no It bit me, Reopen, and edit · details in the menu', () => {
    for (const status of ['resolved', 'wont_fix'] as const) {
      const msg = card(status);
      expect(actionIds(msg), status).toEqual([ACTION.cardReopen]);
      expect(optionValues(msg), status).toEqual([`edit:${MAX_ID}`, `details:${MAX_ID}`]);
    }
  });

  it('counts reports on It bit me once there are some', () => {
    const msg = buildCard({ item: makeItem({ status: 'open' }), score: score(), pain: makeReports(3) });
    expect(buttons(msg)[0]?.text).toMatchObject({ text: 'It bit me (3)' });
  });

  it('keeps every menu within Slack’s overflow rules: 2–5 options, text and value ≤ 75', () => {
    for (const status of STATUSES) {
      const options = (overflowOf(card(status))?.options as Obj[]) ?? [];
      expect(options.length, status).toBeGreaterThanOrEqual(2);
      expect(options.length, status).toBeLessThanOrEqual(5);
      for (const o of options) {
        expect(((o.text as Obj).text as string).length).toBeLessThanOrEqual(SLACK_LIMITS.optionText);
        expect(String(o.value).length).toBeLessThanOrEqual(SLACK_LIMITS.optionValue);
        expect(parseCardMoreValue(String(o.value))?.itemId).toBe(MAX_ID);
      }
      expect(moreChoices(makeItem({ status })).length).toBe(options.length);
    }
  });

  it('posts only ids the app answers, in the block the old card used; the old card’s ids still answer', () => {
    for (const status of STATUSES) {
      const msg = card(status);
      expect(msg.blocks.find((b) => b.type === 'actions')?.block_id).toBe(BLOCK.cardActions);
      for (const n of nodes(msg.blocks))
        if (typeof n.action_id === 'string') expect(isKnownActionId(n.action_id), n.action_id).toBe(true);
    }
    // What cards posted before the overflow menu carry (SPEC §2.9).
    for (const old of ['debt_card_edit', 'debt_card_resolve', 'debt_card_pain'])
      expect(isKnownActionId(old), old).toBe(true);
  });

  it('reads a menu value it never wrote as nothing', () => {
    for (const bad of ['', 'resolve', 'resolve:0', 'explode:1', `resolve:${MAX_ID}0`, 'edit:1:2'])
      expect(parseCardMoreValue(bad), bad).toBeNull();
    expect(parseCardMoreValue(`${CARD_MORE.duplicate}:7`)).toEqual({ choice: 'duplicate', itemId: 7 });
  });
});

describe('the celebration in the thread', () => {
  it('names who paid it down and the interest it gives back', () => {
    const msg = buildCelebration({ userId: 'U0DANA0001', interest: 4 });
    expect(msg.text).toBe(':tada: Paid down by <@U0DANA0001>: 4 h/week back');
    expect(messageProblems(msg, [])).toEqual([]);
  });

  it('says only who when the item had no interest figure', () => {
    expect(buildCelebration({ userId: 'U0DANA0001', interest: null }).text).toBe(
      ':tada: Paid down by <@U0DANA0001>',
    );
  });
});

describe('the Duplicate of… form', () => {
  it('stays within the modal limits with a maximal hostile title, asking for one id', () => {
    const view = buildDuplicateModal({
      item: makeItem({ id: MAX_ID, title: MAX_TITLE }),
      privateMetadata: '{"v":1}',
    });
    expect(viewProblems(view)).toEqual([]);
    expect(view.blocks.filter((b) => b.type === 'input')).toHaveLength(1);
  });
});
