import { describe, expect, it } from 'vitest';
import { buildHome, HOME_LIST_MAX, HOME_RATES_MAX, type HomeList } from '../../blocks/home.ts';
import { ACTION, BLOCK } from '../../blocks/ids.ts';
import type { Block } from '../../blocks/kit.ts';
import { buildVoteReminder, REMINDER_LIST_MAX } from '../../blocks/reminder.ts';
import { CATEGORY_VALUES } from '../../src/domain/categories.ts';
import { checkEscaped, checkMessage, checkView } from '../../src/sandbox/fake-slack/payload-rules.ts';
import { CHANNEL, MAX_ID, MAX_TITLE, makeItem, score, TAINTED } from './fixtures.ts';
import { mrkdwnProblems } from './problems.ts';

/** The longest workspace URL Slack could hand back, so every id link is as long as it gets. */
const WORKSPACE_URL = `https://${'w'.repeat(60)}.enterprise.slack.com/`;
const card = { ts: '1700000000.123456', orphaned: false };

/** A full list: every row with both buttons, ids as long as they get, hostile titles at the maximum length. */
function fullList(offset: number): HomeList {
  const entries = Array.from({ length: HOME_LIST_MAX }, (_, i) => ({
    item: makeItem({ id: MAX_ID - offset - i, title: MAX_TITLE, card }),
    score: score(),
    canVote: true,
    canAssign: true,
  }));
  return { entries, total: 500 };
}

/** The block ids of the rows, in order: `debt_home_row:{id}`. */
const rowIds = (blocks: Block[]): string[] =>
  blocks.flatMap((b) =>
    typeof b.block_id === 'string' && b.block_id.startsWith(`${BLOCK.homeRow}:`) ? [b.block_id] : [],
  );

describe('buildHome', () => {
  const view = buildHome({
    mine: fullList(0),
    awaitingVote: fullList(100),
    top: fullList(200),
    byCategory: CATEGORY_VALUES.map((category) => ({ category, open: 9999, interest: 123456.789 })),
    rates: Array.from({ length: HOME_RATES_MAX }, (_, i) => ({
      channelId: `C0RATE${i}`,
      rate: 12.345 + i,
      capacityHours: 10_000,
      spiral: true,
    })),
    workspaceUrl: WORKSPACE_URL,
    remindersOn: true,
    notice: `:warning: ${'x'.repeat(5000)}`,
  });

  it('stays within the Home limits and escaped with maximal, hostile data', () => {
    expect(checkView(view)).toEqual([]);
    expect(checkEscaped(view, TAINTED)).toEqual([]);
    expect(mrkdwnProblems(view)).toEqual([]);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
  });

  it('puts File debt and the reminder switch first, under the header', () => {
    const [first, second] = view.blocks;
    expect(first?.type).toBe('header');
    expect(second).toMatchObject({ type: 'actions', block_id: BLOCK.homeActions });
    const buttons = second?.elements as Block[];
    expect(buttons[0]).toMatchObject({ action_id: ACTION.homeFile, text: { text: 'File debt' } });
    expect(buttons[1]).toMatchObject({ action_id: ACTION.homeReminders, value: 'off' });
  });

  it('links every id to its card and gives each row Vote and Assign me, each row once', () => {
    const text = JSON.stringify(view);
    expect(text).toContain(`<${WORKSPACE_URL}archives/${CHANNEL}/p1700000000123456|DEBT-${MAX_ID}>`);
    const rows = rowIds(view.blocks);
    expect(rows).toHaveLength(3 * HOME_LIST_MAX);
    expect(new Set(rows).size).toBe(rows.length);
    const row = view.blocks.find((b) => b.block_id === rows[0]);
    const elements = (row?.elements ?? []) as Block[];
    expect(elements.map((e) => e.action_id)).toEqual([ACTION.myVotes, ACTION.homeAssign]);
  });

  it('says how many more there are', () => {
    expect(JSON.stringify(view)).toContain(`…and ${500 - HOME_LIST_MAX} more`);
  });

  it('has a friendly word for an empty workspace, the reminder off and no buttons to press on rows', () => {
    const empty = buildHome({
      mine: { entries: [], total: 0 },
      awaitingVote: { entries: [], total: 0 },
      top: { entries: [], total: 0 },
      byCategory: [],
      rates: [],
      workspaceUrl: null,
      remindersOn: false,
    });
    expect(checkView(empty)).toEqual([]);
    const text = JSON.stringify(empty);
    expect(text).toContain('No open debt');
    expect(text).not.toContain('Interest rate');
    expect(text).toContain('Turn on weekly reminder');
    expect(rowIds(empty.blocks)).toEqual([]);
  });

  it('shows an id without a link and a row without buttons when nothing applies', () => {
    const plain = buildHome({
      mine: {
        entries: [
          { item: makeItem({ id: 7, card: null }), score: score(), canVote: false, canAssign: false },
        ],
        total: 1,
      },
      awaitingVote: { entries: [], total: 0 },
      top: { entries: [], total: 0 },
      byCategory: [],
      rates: [],
      workspaceUrl: WORKSPACE_URL,
      remindersOn: false,
    });
    expect(JSON.stringify(plain)).toContain('*DEBT-7*');
    expect(rowIds(plain.blocks)).toEqual([]);
  });

  it('shows the interest rate of channels with a capacity, and the spiral warning', () => {
    const text = JSON.stringify(view);
    expect(text).toContain('<#C0RATE0>: 1235% of 10,000 h/week · :rotating_light: debt spiral');
  });
});

describe('buildVoteReminder', () => {
  const entries = Array.from({ length: REMINDER_LIST_MAX }, (_, i) =>
    makeItem({ id: MAX_ID - i, title: MAX_TITLE, card }),
  );

  it('stays within the message limits and escaped with maximal, hostile data', () => {
    const reminder = buildVoteReminder({ entries, total: 9999, workspaceUrl: WORKSPACE_URL });
    expect(checkMessage(reminder)).toEqual([]);
    expect(checkEscaped(reminder, TAINTED)).toEqual([]);
    expect(mrkdwnProblems(reminder)).toEqual([]);
    expect(reminder.text).toBe('9,999 items await your vote in your channels');
    expect(JSON.stringify(reminder)).toContain(`…and ${9999 - REMINDER_LIST_MAX} more`);
  });

  it('gives each item a Vote link to its thread, and counts one item in the singular', () => {
    const [item] = entries;
    const reminder = buildVoteReminder({
      entries: item ? [item] : [],
      total: 1,
      workspaceUrl: WORKSPACE_URL,
    });
    expect(reminder.text).toBe('1 item awaits your vote in your channels');
    const line = reminder.blocks.find((b) => b.block_id === `${BLOCK.reminderItem}:${MAX_ID}`);
    expect(line?.accessory).toMatchObject({
      action_id: ACTION.reminderVote,
      url: `${WORKSPACE_URL}archives/${CHANNEL}/p1700000000123456`,
    });
  });
});
