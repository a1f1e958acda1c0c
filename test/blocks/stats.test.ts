// `/debt stats` as text: the numbers a lead reads, the empty state, privacy note, and SPEC §4 at the limits.
import { describe, expect, it } from 'vitest';
import { buildStatsMessage } from '../../blocks/stats.ts';
import { CATEGORY_VALUES } from '../../src/domain/categories.ts';
import type { WeeklySnapshot } from '../../src/domain/snapshot.ts';
import { buildStats, type StatsInput } from '../../src/domain/stats-model.ts';
import { blockTextLength } from '../../src/sandbox/fake-slack/payload-rules.ts';
import { daysAgo, item, ranked, SLOT, unscored } from './digest-fixtures.ts';
import { CHANNEL, evil, MAX_ID } from './fixtures.ts';
import { messageProblems } from './problems.ts';

const CHART = { fileId: 'F0CHART', altText: 'Debt trend: 12 weeks' };
const snap = (week: string, openInterest: number): WeeklySnapshot => ({
  v: 1,
  week,
  at: SLOT.toISOString(),
  openInterest,
  votedInterest: openInterest,
  measuredInterest: 0,
  openCount: 1,
  rankedCount: 1,
  unscoredCount: 0,
  filed: 0,
  resolved: 0,
  interestRemoved: 0,
  painHours: 0,
  capacityHours: 40,
});

function input(overrides: Partial<StatsInput> = {}): StatsInput {
  return {
    channelId: CHANNEL,
    privateLeftOut: false,
    entries: [],
    snapshots: new Map(),
    capacities: new Map(),
    timezone: 'Europe/Berlin',
    now: SLOT,
    scopeLabel: '#ml-platform',
    ...overrides,
  };
}

const text = (m: { blocks: unknown }) => JSON.stringify(m.blocks);

describe('/debt stats', () => {
  it('answers an empty channel with an invitation, not an empty chart', () => {
    const msg = buildStatsMessage(buildStats(input()), null);
    expect(text(msg)).toContain('No debt filed in <#C0CHANNEL01> yet');
    expect(text(msg)).not.toContain('"image"');
    expect(messageProblems(msg)).toEqual([]);
  });

  it('shows counts, interest by category, the rate with its spiral warning, paydown and the oldest items', () => {
    const entries = [
      { item: item(1, { category: 'data', createdAt: daysAgo(200) }), score: ranked(4, 3) }, // 16 h/week
      { item: item(2, { category: 'pipeline', createdAt: daysAgo(20) }), score: ranked(3, 4) }, // 20 h/week
      { item: item(3, { category: 'data', status: 'in_progress' }), score: ranked(3, 3) }, // 4 h/week
      { item: item(4, { category: 'model' }), score: unscored() },
      {
        item: item(5, {
          status: 'resolved',
          resolvedAt: daysAgo(91),
          resolvedInterest: 4,
          resolvedBy: 'U0DANA',
        }),
        score: ranked(3, 3), // effort M = 24 h; 4 h/week × 13 weeks = 52 h
      },
      {
        item: item(6, { status: 'wont_fix', resolvedAt: daysAgo(10), resolvedInterest: 9 }),
        score: ranked(),
      },
    ];
    const snapshots = new Map([
      [CHANNEL, [snap('2026-W45', 20), snap('2026-W46', 25), snap('2026-W47', 30), snap('2026-W48', 40)]],
    ]);
    const model = buildStats(input({ entries, snapshots, capacities: new Map([[CHANNEL, 80]]) }));
    expect(model.openInterest).toBe(40);
    expect(model.outlook.rate).toBe(0.5);
    expect(model.outlook.warnings).toEqual(['rate', 'rising']);
    expect(model.byCategory.map((c) => [c.category, c.interest, c.count])).toEqual([
      ['data', 20, 2],
      ['pipeline', 20, 1],
      ['model', 0, 1],
    ]);
    const msg = buildStatsMessage(model, CHART);
    const body = text(msg);
    expect(body).toContain("3 open · 1 in progress · 1 resolved · 1 won't fix");
    expect(body).toContain('open debt costs *40 h/week*');
    expect(body).toContain("interest rate *50%* of the team's 80 h/week");
    expect(body).toContain('*Debt spiral*');
    expect(body).toContain('Data & features'.replace('&', '&amp;'));
    expect(body).toContain(
      '*DEBT-5* Item 5 has paid for itself: 52 h saved for a 24 h fix. Thanks <@U0DANA>!',
    );
    expect(body).toContain('*DEBT-1* Item 1 · open 200 days');
    expect(body).toContain('"slack_file":{"id":"F0CHART"}');
    expect(msg.text).toBe('Debt stats: 4 open items cost 40 h/week, interest rate 50%; 52 h saved so far');
    expect(messageProblems(msg)).toEqual([]);
  });

  it('says when the chart could not be made, and notes private items left out of a workspace view', () => {
    const model = buildStats(
      input({ channelId: null, privateLeftOut: true, entries: [{ item: item(1), score: ranked() }] }),
    );
    const body = text(buildStatsMessage(model, null));
    expect(body).toContain('The trend chart could not be made right now');
    expect(body).toContain('Items in private channels are left out');
    expect(body).not.toContain('set a team capacity'); // the workspace has no one capacity to set
  });

  it('stays within every Slack limit with every category, hostile titles and 5,000 items', () => {
    const entries = Array.from({ length: 5000 }, (_, i) => ({
      item: item(MAX_ID - i, {
        title: evil(150),
        category: CATEGORY_VALUES[i % CATEGORY_VALUES.length],
        createdAt: daysAgo(400 - (i % 300)),
        ...(i % 3 === 0
          ? {
              status: 'resolved' as const,
              resolvedAt: daysAgo(100),
              resolvedInterest: 40,
              resolvedBy: 'U0DANA',
            }
          : {}),
      }),
      score: ranked(5, 5),
    }));
    const model = buildStats(input({ entries, capacities: new Map([[CHANNEL, 10_000]]) }));
    const msg = buildStatsMessage(model, CHART);
    expect(messageProblems(msg)).toEqual([]);
    expect(msg.blocks.length).toBeLessThanOrEqual(12);
    expect(blockTextLength(msg.blocks)).toBeLessThan(5000);
  });
});
