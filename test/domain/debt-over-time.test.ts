// SPEC §1.8 by hand: snapshots over a pinned clock (DST weeks, a gap), paydown (won't-fix, the 52-week cap),
// the spiral warning and the straight-line projection with rising and flat series.
import { describe, expect, it } from 'vitest';
import { assessOutlook, interestRate, project, risingWeeks } from '../../src/domain/debt-outlook.ts';
import { buildTrend, combinedWeeklyInterest, weeklyInterest } from '../../src/domain/debt-trend.ts';
import { addWeeks, weekIndex, weekStartsOn } from '../../src/domain/iso-week.ts';
import { hoursSaved, paydownRealised } from '../../src/domain/paydown.ts';
import type { PainReport } from '../../src/domain/scoring.ts';
import { DEFAULT_CHANNEL_SETTINGS } from '../../src/domain/settings.ts';
import { takeSnapshot } from '../../src/domain/snapshot.ts';
import { dueSnapshot } from '../../src/domain/snapshot-moment.ts';
import { daysAgo, item, ranked, SLOT, scoreOf, unscored, votes } from '../blocks/digest-fixtures.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const series = (...points: [string, number][]) => points.map(([week, interest]) => ({ week, interest }));

describe('ISO weeks', () => {
  it('counts weeks across a year end with 53 weeks', () => {
    expect(weekIndex('2027-W01') - weekIndex('2026-W53')).toBe(1);
    expect(addWeeks('2026-W52', 2)).toBe('2027-W01');
    expect(weekStartsOn('2026-W49')).toBe('2026-11-30');
  });
});

describe('when a snapshot is due', () => {
  const noDigest = { ...DEFAULT_CHANNEL_SETTINGS, digestEnabled: false, timezone: 'Europe/Berlin' };

  it('without a digest: Monday 00:00 in the zone, the window the 7 local days before', () => {
    // Wednesday 2 Dec 2026, 12:00 Berlin (UTC+1): the week began Monday 30 Nov 00:00 = 29 Nov 23:00 UTC.
    const due = dueSnapshot(noDigest, 'UTC', Date.parse('2026-12-02T11:00:00Z'), 2 * HOUR);
    expect(due).toEqual({
      week: '2026-W49',
      window: { start: new Date('2026-11-22T23:00:00Z'), end: new Date('2026-11-29T23:00:00Z') },
    });
  });

  it('keeps local midnight across a DST change: the window of the week after spring forward is 167 h', () => {
    // Berlin springs forward on Sunday 28 Mar 2027; Monday 29 Mar 00:00 is 22:00 UTC on the 28th.
    const due = dueSnapshot(noDigest, 'UTC', Date.parse('2027-03-29T10:00:00Z'), 2 * HOUR);
    expect(due?.week).toBe('2027-W13');
    expect(due?.window.end).toEqual(new Date('2027-03-28T22:00:00Z'));
    expect(due?.window.start).toEqual(new Date('2027-03-21T23:00:00Z'));
    expect(((due?.window.end.getTime() ?? 0) - (due?.window.start.getTime() ?? 0)) / HOUR).toBe(167);
  });

  it('keys a late Sunday slot by its own week, even once the grace ends in the next week', () => {
    const sunday = { ...noDigest, digestEnabled: true, weekday: 7, time: '23:00' };
    const slot = Date.parse('2026-12-06T22:00:00Z'); // Sunday 6 Dec, 23:00 Berlin: the end of 2026-W49
    expect(dueSnapshot(sunday, 'UTC', slot + 3 * HOUR, 2 * HOUR)?.week).toBe('2026-W49');
  });

  it('with a digest: at its slot, after the grace the digest has to write it itself', () => {
    const digest = { ...noDigest, digestEnabled: true, weekday: 3, time: '09:00' }; // Wednesdays 09:00
    const slot = Date.parse('2026-12-02T08:00:00Z');
    // This week's slot is ahead: last week's snapshot is the latest due (the sweep finds it written).
    expect(dueSnapshot(digest, 'UTC', slot - HOUR, 2 * HOUR)?.week).toBe('2026-W48');
    expect(dueSnapshot(digest, 'UTC', slot + HOUR, 2 * HOUR)).toBeNull(); // the digest's turn
    expect(dueSnapshot(digest, 'UTC', slot + 3 * HOUR, 2 * HOUR)).toEqual({
      week: '2026-W49',
      window: { start: new Date(slot - 7 * DAY), end: new Date(slot) },
    });
  });
});

describe('takeSnapshot', () => {
  const window = { start: new Date(SLOT.getTime() - 7 * DAY), end: SLOT };
  const pain = (hours: number, at: string): PainReport => ({ userId: 'UANN', hours, at });

  it('adds up open interest (voted and measured), counts and the week before it', () => {
    const measured = scoreOf(votes(1, 3, 3)); // voted 4 h/week…
    const reports = [pain(6, daysAgo(2)), { ...pain(4, daysAgo(3)), userId: 'UBOB' }, pain(2, daysAgo(20))];
    const measuredScore = { ...measured, interest: 3, measured: true, scored: true, ranked: true };
    const snapshot = takeSnapshot(
      [
        { item: item(1), score: ranked(3, 3), pain: [] }, // 4 h/week, ranked
        { item: item(2, { status: 'in_progress' }), score: ranked(4, 3), pain: [] }, // 16 h/week
        { item: item(3), score: measuredScore, pain: reports }, // measured 3 h/week; 10 h reported this week
        { item: item(4, { createdAt: daysAgo(1) }), score: unscored(), pain: [] }, // filed this week, unscored
        {
          item: item(5, { status: 'resolved', resolvedAt: daysAgo(2), resolvedInterest: 8 }),
          score: ranked(5, 5),
          pain: [pain(1, daysAgo(1))],
        },
        {
          item: item(6, { status: 'wont_fix', resolvedAt: daysAgo(2), resolvedInterest: 5 }),
          score: ranked(),
          pain: [],
        },
        {
          item: item(7, { status: 'resolved', resolvedAt: daysAgo(8), resolvedInterest: 2 }),
          score: ranked(),
          pain: [],
        },
      ],
      { week: '2026-W49', at: SLOT, window, capacityHours: 100 },
    );
    expect(snapshot).toEqual({
      v: 1,
      week: '2026-W49',
      at: SLOT.toISOString(),
      openInterest: 23,
      votedInterest: 20,
      measuredInterest: 3,
      openCount: 4,
      rankedCount: 3,
      unscoredCount: 1,
      filed: 1,
      resolved: 1, // won't-fix is not a resolution; DEBT-7 was resolved the week before
      interestRemoved: 8,
      painHours: 11, // 6 + 4 + 1 inside the window; the 20-day-old report is not
      capacityHours: 100,
    });
  });
});

describe('paydown realised', () => {
  const now = new Date('2026-12-01T00:00:00Z');

  it('saves interest × weeks since resolution, capped at 52 weeks', () => {
    expect(hoursSaved(4, '2026-11-17T00:00:00Z', now)).toBe(8); // 2 weeks
    expect(hoursSaved(3, '2024-12-01T00:00:00Z', now)).toBe(156); // 2 years → 52 weeks
    expect(hoursSaved(3, '2026-12-02T00:00:00Z', now)).toBe(0); // a clock skew never saves negative hours
  });

  it('totals resolved items, says which paid for themselves, and lets won’t-fix save nothing', () => {
    const resolved = (
      id: number,
      interest: number | null,
      weeksAgo: number,
      status: 'resolved' | 'wont_fix' = 'resolved',
    ) =>
      item(id, {
        status,
        resolvedAt: new Date(now.getTime() - weeksAgo * 7 * DAY).toISOString(),
        resolvedInterest: interest,
      });
    const p = paydownRealised(
      [
        { item: resolved(12, 4, 13), score: { effortHours: 24 } }, // 52 h saved for a 24 h fix
        { item: resolved(13, 2, 3), score: { effortHours: 24 } }, // 6 h of 24
        { item: resolved(14, null, 10), score: { effortHours: 8 } }, // resolved unscored: counted, saves nothing
        { item: resolved(15, 10, 5, 'wont_fix'), score: { effortHours: 8 } },
        { item: item(16), score: { effortHours: 8 } },
      ],
      now,
    );
    expect(p.resolvedCount).toBe(3);
    expect(p.interestRemoved).toBe(6);
    expect(p.savedHours).toBe(58);
    expect(p.entries.map((e) => [e.item.id, e.savedHours, e.paidForItself])).toEqual([
      [12, 52, true],
      [13, 6, false],
    ]);
  });
});

describe('the debt spiral', () => {
  it('is the share of capacity, null without one', () => {
    expect(interestRate(30, 120)).toBe(0.25);
    expect(interestRate(30, null)).toBeNull();
  });

  it('warns at 50% and after three rises in a row, not across a gap', () => {
    expect(assessOutlook(60, 120, []).warnings).toEqual(['rate']);
    expect(assessOutlook(59.9, 120, []).warnings).toEqual([]);
    const rising = series(['2026-W45', 10], ['2026-W46', 11], ['2026-W47', 12], ['2026-W48', 13]);
    expect(risingWeeks(rising)).toBe(true);
    expect(risingWeeks(rising.slice(1))).toBe(false); // only two rises
    const gap = series(['2026-W44', 10], ['2026-W45', 11], ['2026-W47', 12], ['2026-W48', 13]);
    expect(risingWeeks(gap)).toBe(false);
    const flatOnce = series(['2026-W45', 10], ['2026-W46', 11], ['2026-W47', 11], ['2026-W48', 13]);
    expect(risingWeeks(flatOnce)).toBe(false);
  });

  it('projects a rising series in a straight line over the last 4 weeks', () => {
    // W44 20 … W48 40: +5 h/week each week. 50% of 120 = 60 h → (60 − 40) / 5 = 4 weeks after W48 = W52.
    const s = series(
      ['2026-W44', 20],
      ['2026-W45', 24],
      ['2026-W46', 31],
      ['2026-W47', 33],
      ['2026-W48', 40],
    );
    expect(project(s, 120)).toEqual({
      week: '2026-W52',
      startsOn: '2026-12-21',
      weeksAway: 4,
      weeklyChange: 5,
    });
    // Only 4 weeks count: an older, lower point does not steepen the line.
    expect(project([{ week: '2026-W30', interest: 0 }, ...s], 120)?.weeklyChange).toBe(5);
  });

  it('rounds a partial week up, and measures the slope per week across a gap', () => {
    // W44 29 … (W47 missing) … W48 36: (36 − 29) / 4 weeks = 1.75 h/week; (60 − 36) / 1.75 = 13.7 → 14 weeks,
    // and 2026 has 53 ISO weeks: W48 + 14 = 2027-W09.
    const s = series(['2026-W44', 29], ['2026-W45', 30], ['2026-W46', 31], ['2026-W48', 36]);
    expect(project(s, 120)).toEqual({
      weeksAway: 14,
      weeklyChange: 1.75,
      week: '2027-W09',
      startsOn: '2027-03-01',
    });
    // (37 − 29) / 4 = 2 h/week; (60 − 37) / 2 = 11.5 → 12 weeks.
    const t = series(['2026-W44', 29], ['2026-W45', 30], ['2026-W46', 31], ['2026-W48', 37]);
    expect(project(t, 120)).toMatchObject({ weeksAway: 12, weeklyChange: 2 });
  });

  it('makes no projection for a flat or falling series, without capacity, with < 4 snapshots, or past 50%', () => {
    const flat = series(['2026-W45', 30], ['2026-W46', 30], ['2026-W47', 30], ['2026-W48', 30]);
    expect(project(flat, 120)).toBeNull();
    const falling = series(['2026-W45', 40], ['2026-W46', 35], ['2026-W47', 33], ['2026-W48', 30]);
    expect(project(falling, 120)).toBeNull();
    const rising = series(['2026-W45', 30], ['2026-W46', 35], ['2026-W47', 40], ['2026-W48', 45]);
    expect(project(rising, null)).toBeNull();
    expect(project(rising.slice(1), 120)).toBeNull();
    expect(project(rising, 80)).toBeNull(); // 45 ≥ 40 = 50% of 80: the warning says it already
  });
});

describe('the trend', () => {
  const now = new Date('2026-12-02T12:00:00Z'); // Wednesday of 2026-W49

  it('counts filed and resolved per local week, draws gaps, and starts the line at the first snapshot', () => {
    const trend = buildTrend({
      items: [
        item(1, { createdAt: '2026-11-16T10:00:00Z' }), // W47
        item(2, {
          createdAt: '2026-11-29T23:30:00Z',
          status: 'resolved',
          resolvedAt: '2026-12-01T09:00:00Z',
        }), // Mon 00:30 Berlin: W49
        item(3, {
          createdAt: '2026-11-20T10:00:00Z',
          status: 'wont_fix',
          resolvedAt: '2026-11-25T10:00:00Z',
        }),
      ],
      snapshots: [
        { week: '2026-W47', openInterest: 5 },
        { week: '2026-W49', openInterest: 7 },
      ],
      timezone: 'Europe/Berlin',
      now,
      scopeLabel: '#ml-platform',
    });
    expect(trend.interestSince).toBe('2026-W47');
    expect(trend.weeks).toEqual([
      { week: '2026-W47', startsOn: '2026-11-16', filed: 2, resolved: 0, openInterest: 5 },
      { week: '2026-W48', startsOn: '2026-11-23', filed: 0, resolved: 0, openInterest: null },
      { week: '2026-W49', startsOn: '2026-11-30', filed: 1, resolved: 1, openInterest: 7 },
    ]);
  });

  it('shows at most 12 weeks, none without items, and sums channels per week', () => {
    const old = item(1, { createdAt: '2025-01-06T10:00:00Z' });
    const trend = buildTrend({ items: [old], snapshots: [], timezone: 'UTC', now, scopeLabel: 'x' });
    expect(trend.weeks).toHaveLength(12);
    expect(trend.weeks.at(-1)?.week).toBe('2026-W49');
    expect(trend.weeks[0]?.week).toBe('2026-W38');
    expect(trend.interestSince).toBeNull();
    expect(buildTrend({ items: [], snapshots: [], timezone: 'UTC', now, scopeLabel: 'x' }).weeks).toEqual([]);
    expect(
      weeklyInterest([
        { week: '2026-W48', openInterest: 2 },
        { week: '2026-W47', openInterest: 1 },
        { week: '2026-W48', openInterest: 3 },
      ]),
    ).toEqual(series(['2026-W47', 1], ['2026-W48', 5]));
  });
});

describe('a workspace series', () => {
  const snaps = (...points: [string, number][]) =>
    points.map(([week, openInterest]) => ({ week, openInterest }));

  it('sums complete weeks only: a week a channel has not had (yet) is a gap, not a drop', () => {
    const byChannel = new Map([
      ['C1', snaps(['2026-W46', 100], ['2026-W47', 110], ['2026-W48', 120], ['2026-W49', 130])],
      ['C2', snaps(['2026-W46', 10], ['2026-W48', 13], ['2026-W49', 14], ['2026-W50', 14])],
      // Started later: it does not make the weeks before it incomplete.
      ['C3', snaps(['2026-W48', 1], ['2026-W49', 2])],
    ]);
    expect(combinedWeeklyInterest(byChannel)).toEqual(
      series(['2026-W46', 110], ['2026-W48', 134], ['2026-W49', 146]),
    );
  });

  it('leaves one channel’s series as it is', () => {
    const one = new Map([['C1', snaps(['2026-W46', 1], ['2026-W48', 2])]]);
    expect(combinedWeeklyInterest(one)).toEqual(series(['2026-W46', 1], ['2026-W48', 2]));
  });
});
