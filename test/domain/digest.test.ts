// The digest model (SPEC §2.4): what each section lists, in which order, and what it leaves out.
import { describe, expect, it } from 'vitest';
import { buildDigestModel, type DigestItem, totalOpenInterest } from '../../src/domain/digest.ts';
import type { Item } from '../../src/domain/item.ts';
import { rank } from '../../src/domain/scoring.ts';
import {
  daysAgo,
  disputed,
  entry,
  input,
  maximalInput,
  ranked,
  SLOT,
  scoreOf,
  settings,
  unranked,
  unscored,
  votes,
  WINDOW,
} from '../blocks/digest-fixtures.ts';

const model = (items: DigestItem[], overrides: Parameters<typeof input>[1] = {}) =>
  buildDigestModel(input(items, overrides));
const ids = (list: { entries: { item: { id: number } }[] } | null) => list?.entries.map((e) => e.item.id);
const ms = 1;

describe('paid down', () => {
  it('counts items resolved inside the half-open window, sums their interest and thanks the resolvers', () => {
    const resolved = (
      id: number,
      at: Date,
      by: string | null,
      interest: number | null,
      status: Item['status'] = 'resolved',
    ) =>
      entry(id, ranked(), {
        status,
        resolvedAt: at.toISOString(),
        resolvedBy: by,
        resolvedInterest: interest,
      });
    const m = model([
      resolved(1, WINDOW.start, 'UBOB', 4),
      resolved(2, new Date(WINDOW.end.getTime() - ms), 'UANN', 2.5),
      resolved(3, new Date(WINDOW.start.getTime() + 86_400_000), 'UBOB', null),
      resolved(4, new Date(WINDOW.start.getTime() + 3_600_000), null, 1),
      resolved(5, WINDOW.end, 'UCAT', 100), // on the slot: next week's
      resolved(6, new Date(WINDOW.start.getTime() - ms), 'UDAN', 100), // last week's
      resolved(7, new Date(WINDOW.start.getTime() + ms), 'UEVE', 100, 'wont_fix'), // not paid down
    ]);
    expect(m.paidDown).toMatchObject({
      count: 4,
      interest: 7.5,
      resolvers: { entries: ['UBOB', 'UANN'], total: 2 },
    });
    // DEBT-6: 100 h/week for a week and a moment ≥ its 24 h fix. DEBT-5 was resolved on the slot (0 h saved
    // yet); won't-fix DEBT-7 saves nothing; DEBT-1's 4 h/week × 1 week is short of 24 h.
    expect(m.paidDown?.paidForItself.entries.map((e) => e.item.id)).toEqual([6]);
  });

  it('celebrates a fix once, in the first digest after it paid for itself, and records every one', () => {
    // 10 h/week for a 24 h fix pays off 2.4 weeks (16.8 days) after resolution.
    const fix = (id: number, resolvedDaysAgo: number) =>
      entry(id, ranked(5, 5), {
        status: 'resolved',
        resolvedAt: daysAgo(resolvedDaysAgo),
        resolvedBy: 'UBOB',
        resolvedInterest: 10,
      });
    const recent = [fix(9, 20), fix(10, 21), fix(11, 22), fix(12, 23)]; // paid off 3–6 days ago
    const m = model([...recent, fix(13, 60), fix(14, 10)]); // 13 paid off 43 days ago; 14 has not yet
    expect(m.paidDown).toMatchObject({ count: 0, paidForItself: { total: 4 } });
    expect(m.paidDown?.paidForItself.entries).toHaveLength(3);
    expect(m.paidDown?.celebratedIds).toEqual([12, 11, 10, 9]); // most hours saved first, the fourth too
    expect(model(recent, { celebrated: new Set([9, 10, 11, 12]) }).paidDown).toBeNull();
    expect(model(recent, { celebrated: null }).paidDown).toBeNull(); // a digest on request celebrates none
  });

  it('is left out when nothing was resolved in the window', () => {
    expect(model([entry(1)]).paidDown).toBeNull();
  });
});

describe('interest', () => {
  const items = [
    entry(1, ranked(3, 3)), // 4 h/week
    entry(2, ranked(4, 3), { status: 'in_progress' }), // 16 h/week
    entry(3, unranked()), // below quorum, still 4 h/week of interest
    entry(4, unscored()),
    entry(5, ranked(5, 5), { status: 'resolved', resolvedAt: daysAgo(30) }),
    entry(6, ranked(5, 5), { status: 'wont_fix', resolvedAt: daysAgo(30) }),
  ];

  it('totals the interest of open and in-progress items that have one', () => {
    expect(totalOpenInterest(items)).toBe(24);
    expect(model(items).interest).toEqual({
      openCount: 4,
      scoredCount: 3,
      total: 24,
      capacityHours: null,
      shareOfCapacity: null,
      change: null,
      outlook: { rate: null, warnings: [], projection: null },
    });
  });

  it('gives the share of capacity and the change since the last snapshot', () => {
    const m = model(items, {
      settings: settings({ capacityHours: 120 }),
      lastSnapshot: { week: '2026-W47', interest: 30 },
    });
    expect(m.interest?.shareOfCapacity).toBeCloseTo(0.2);
    expect(m.interest?.change).toEqual({ sinceWeek: '2026-W47', previous: 30, delta: -6 });
  });

  it('reports a drop to zero, and is left out with nothing open and no snapshot', () => {
    const closed = [items[4], items[5]].filter((d) => d !== undefined);
    expect(model(closed).interest).toBeNull();
    const m = model(closed, { lastSnapshot: { week: '2026-W47', interest: 8 } });
    expect(m.interest).toMatchObject({ openCount: 0, total: 0, change: { delta: -8 } });
  });
});

describe('next up', () => {
  it('lists only ranked items with status open, top N, in rank() order', () => {
    const open = [
      entry(1, ranked(3, 3, 3)),
      entry(2, ranked(4, 4, 2)),
      entry(3, ranked(3, 3, 3), { createdAt: daysAgo(60) }), // same priority as 1, older: before it
      entry(4, ranked(5, 4, 1)),
      entry(5, ranked(2, 2, 5)),
    ];
    const others = [
      entry(6, ranked(5, 5, 1), { status: 'in_progress' }),
      entry(7, unranked()),
      entry(8, ranked(5, 5, 1), { status: 'resolved', resolvedAt: daysAgo(30) }),
    ];
    const m = model([...others, ...open], { settings: settings({ topN: 3 }) });
    expect(ids(m.nextUp)).toEqual([4, 2, 3]);
    expect(ids(m.nextUp)).toEqual(
      rank(open)
        .slice(0, 3)
        .map((d) => d.item.id),
    );
    expect(m.nextUp?.total).toBe(5);
  });

  it('is left out when no open item is ranked', () => {
    expect(model([entry(1, unranked()), entry(2, ranked(), { status: 'in_progress' })]).nextUp).toBeNull();
  });
});

describe('risk', () => {
  it('lists open and in-progress risk-lane items not already in next up', () => {
    const critical = scoreOf(votes(2, 5, 1));
    const m = model(
      [
        entry(1, critical),
        entry(2, critical, { status: 'in_progress' }),
        entry(3, scoreOf(votes(1, 5, 1))), // unranked, still risk
        entry(4, critical, { status: 'resolved', resolvedAt: daysAgo(20) }),
        entry(5, ranked(1, 1)),
      ],
      { settings: settings({ topN: 1 }) },
    );
    expect(ids(m.nextUp)).toEqual([1]);
    expect(ids(m.risk)).toEqual([2, 3]);
  });
});

describe('needs votes', () => {
  it('lists up to 3 unranked open items, oldest first, with the full count', () => {
    const m = model([
      entry(1, unranked(), { createdAt: daysAgo(5) }),
      entry(2, unscored(), { createdAt: daysAgo(50) }),
      entry(3, unranked(), { createdAt: daysAgo(20), status: 'in_progress' }),
      entry(4, unscored(), { createdAt: daysAgo(50) }), // same age as 2: by id
      entry(5, unranked(), { createdAt: daysAgo(80), status: 'wont_fix', resolvedAt: daysAgo(1) }),
      entry(6, ranked()),
    ]);
    expect(ids(m.needsVotes)).toEqual([2, 4, 3]);
    expect(m.needsVotes?.total).toBe(4);
  });
});

describe('needs discussion', () => {
  it('lists up to 3 open items with disagreement, in rank() order', () => {
    const items = [1, 2, 3, 4].map((id) => entry(id, disputed(), { createdAt: daysAgo(10 + id) }));
    const m = model([...items, entry(5, ranked()), entry(6, disputed(), { status: 'resolved' })]);
    expect(ids(m.needsDiscussion)).toEqual([4, 3, 2]);
    expect(m.needsDiscussion?.total).toBe(4);
  });
});

describe('budget', () => {
  // Priorities 25, 10 and 2 h/week per hour of effort: the order is A, B, C.
  const a = entry(1, ranked(5, 5, 3)); // 600 h/week, effort 24
  const b = entry(2, ranked(4, 4, 2)); // 80 h/week, effort 8
  const c = entry(3, ranked(3, 3, 1)); // 4 h/week, effort 2
  const withBudget = settings({ capacityHours: 50, budgetPercent: 20 }); // 10 h

  it('takes ranked open items in priority order, skipping one too big and trying the next', () => {
    const m = model([c, a, b], { settings: withBudget });
    expect(m.budget).toMatchObject({ available: 10, used: 10, capacityHours: 50, budgetPercent: 20 });
    expect(ids(m.budget?.fits ?? null)).toEqual([2, 3]);
    expect(m.budget?.candidates).toBe(3);
  });

  it('ignores items in progress and says when nothing fits', () => {
    const m = model([a, entry(4, ranked(3, 3, 1), { status: 'in_progress' })], { settings: withBudget });
    expect(m.budget).toMatchObject({ used: 0, fits: { entries: [], total: 0 }, candidates: 1 });
  });

  it('is left out without a capacity', () => {
    expect(model([a, b, c]).budget).toBeNull();
  });
});

describe('new this week', () => {
  it('counts items filed in the window by category, in menu order, whatever their status', () => {
    const m = model([
      entry(1, ranked(), { category: 'testing', createdAt: daysAgo(1) }),
      entry(2, ranked(), { category: 'data', createdAt: daysAgo(6) }),
      entry(3, ranked(), { category: 'testing', createdAt: daysAgo(3), status: 'resolved' }),
      entry(4, ranked(), { category: 'data', createdAt: daysAgo(8) }),
      entry(5, ranked(), { category: 'ops', createdAt: SLOT.toISOString() }),
    ]);
    expect(m.newThisWeek).toEqual({
      total: 3,
      byCategory: [
        { category: 'data', count: 1 },
        { category: 'testing', count: 2 },
      ],
    });
  });
});

describe('stale', () => {
  it('lists open items older than 90 days idle for 30, longest idle first, with how many more', () => {
    const m = model([
      entry(1, ranked(), { createdAt: daysAgo(200) }, daysAgo(40)),
      entry(2, unscored(), { createdAt: daysAgo(120) }), // no activity: idle since filed
      entry(3, ranked(), { createdAt: daysAgo(100) }, daysAgo(95)),
      entry(4, ranked(), { createdAt: daysAgo(300), status: 'in_progress' }, daysAgo(31)),
      entry(5, ranked(), { createdAt: daysAgo(100) }, daysAgo(60)),
      entry(6, ranked(), { createdAt: daysAgo(200) }, daysAgo(29)), // voted recently
      entry(7, unscored(), { createdAt: daysAgo(89) }), // not old enough
      entry(8, ranked(), { createdAt: daysAgo(200), status: 'resolved' }, daysAgo(100)),
    ]);
    expect(ids(m.stale)).toEqual([2, 3, 5]);
    expect(m.stale?.entries.map((e) => e.idleDays)).toEqual([120, 95, 60]);
    expect(m.stale?.total).toBe(5);
  });
});

describe('the whole model', () => {
  it('marks an empty channel and leaves every section out', () => {
    const m = model([], { missedWeeks: ['2026-W47'] });
    expect(m).toMatchObject({ empty: true, missedWeeks: ['2026-W47'], interest: null, nextUp: null });
    expect(m.stale).toBeNull();
  });

  it('carries the missed weeks, sorted and once each', () => {
    const m = model([entry(1)], { missedWeeks: ['2026-W47', '2026-W45', '2026-W47'] });
    expect(m.missedWeeks).toEqual(['2026-W45', '2026-W47']);
    expect(m.empty).toBe(false);
  });

  it('is the same model whatever order the items come in', () => {
    const base = maximalInput(3000);
    const shuffled = [...base.items].sort(
      (x, y) => ((x.item.id * 7919) % 1009) - ((y.item.id * 7919) % 1009),
    );
    const first = buildDigestModel(base);
    expect(buildDigestModel({ ...base, items: shuffled })).toEqual(first);
    expect(buildDigestModel({ ...base, items: [...base.items].reverse() })).toEqual(first);
    expect(totalOpenInterest(shuffled)).toBe(totalOpenInterest(base.items));
  });
});
