import { describe, expect, it } from 'vitest';
import { buildHome, HOME_LIST_MAX } from '../../blocks/home.ts';
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
    });
    expect(checkView(empty)).toEqual([]);
    expect(JSON.stringify(empty)).toContain('No open debt');
  });
});
