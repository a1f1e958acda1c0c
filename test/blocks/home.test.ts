import { describe, expect, it } from 'vitest';
import { buildHome, HOME_LIST_MAX, HOME_RATES_MAX } from '../../blocks/home.ts';
import { CATEGORY_VALUES } from '../../src/domain/categories.ts';
import { checkEscaped, checkView } from '../support/payload-rules.ts';
import { MAX_TITLE, makeItem, score, TAINTED } from './fixtures.ts';
import { mrkdwnProblems } from './problems.ts';

describe('buildHome', () => {
  const many = Array.from({ length: 500 }, (_, i) => ({
    item: makeItem({ id: 1000 + i, title: MAX_TITLE }),
    score: score(),
  }));
  const list = { entries: many.slice(0, HOME_LIST_MAX), total: many.length };
  const view = buildHome({
    mine: list,
    awaitingVote: list,
    top: list,
    byCategory: CATEGORY_VALUES.map((category) => ({ category, open: 9999, interest: 123456.789 })),
    rates: Array.from({ length: HOME_RATES_MAX }, (_, i) => ({
      channelId: `C0RATE${i}`,
      rate: 12.345 + i,
      capacityHours: 10_000,
      spiral: true,
    })),
  });

  it('stays within the Home limits and escaped with maximal, hostile data', () => {
    expect(checkView(view)).toEqual([]);
    expect(checkEscaped(view, TAINTED)).toEqual([]);
    expect(mrkdwnProblems(view)).toEqual([]);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
  });

  it('says how many more there are', () => {
    expect(JSON.stringify(view)).toContain(`…and ${many.length - HOME_LIST_MAX} more`);
  });

  it('has a friendly word for an empty workspace', () => {
    const empty = buildHome({
      mine: { entries: [], total: 0 },
      awaitingVote: { entries: [], total: 0 },
      top: { entries: [], total: 0 },
      byCategory: [],
      rates: [],
    });
    expect(checkView(empty)).toEqual([]);
    expect(JSON.stringify(empty)).toContain('No open debt');
    expect(JSON.stringify(empty)).not.toContain('Interest rate');
  });

  it('shows the interest rate of channels with a capacity, and the spiral warning', () => {
    const text = JSON.stringify(view);
    expect(text).toContain('<#C0RATE0>: 1235% of 10,000 h/week · :rotating_light: debt spiral');
  });
});
