// Hand-computed checks of SPEC §1.4 scoring. Scales (§1.3): severity h 0.25/1/4/16/40,
// frequency /wk 0.05/0.25/1/5/15, effort h XS 2 / S 8 / M 24 / L 60 / XL 120.
import { describe, expect, it } from 'vitest';
import type { Dimension, Level } from '../../src/domain/scales.ts';
import {
  compareScored,
  measuredInterest,
  median,
  type PainReport,
  rank,
  type Score,
  type Scored,
  scoreItem,
  type Vote,
} from '../../src/domain/scoring.ts';

const NOW = new Date('2025-06-30T12:00:00.000Z');
const DAY = 86_400_000;

/** Shorthand for one user's votes: `votes('u1', { s: 3, f: 4, e: 2 })`. */
function votes(userId: string, levels: { s?: Level; f?: Level; e?: Level }): Vote[] {
  const out: Vote[] = [];
  const add = (dimension: Dimension, level: Level | undefined) => {
    if (level !== undefined) out.push({ userId, dimension, level });
  };
  add('severity', levels.s);
  add('frequency', levels.f);
  add('effort', levels.e);
  return out;
}

/** One vote per user (`u1`, `u2`, …) in one dimension. */
function each(dimension: Dimension, levels: Level[]): Vote[] {
  return levels.map((level, i) => ({ userId: `u${i + 1}`, dimension, level }));
}

function report(userId: string, hours: number, daysAgo: number): PainReport {
  return { userId, hours, at: new Date(NOW.getTime() - daysAgo * DAY).toISOString() };
}

const score = (v: Vote[], reports: PainReport[] = [], quorum = 2) => scoreItem(v, reports, quorum, NOW);

describe('median', () => {
  it.each([
    { values: [], expected: null }, // nothing to take a median of
    { values: [7], expected: 7 }, // one value
    { values: [3, 1], expected: 2 }, // sorted 1,3 → (1+3)/2 = 2
    { values: [40, 0.25, 4], expected: 4 }, // sorted 0.25,4,40 → middle 4
    { values: [16, 1, 40, 0.25], expected: 8.5 }, // sorted 0.25,1,16,40 → (1+16)/2 = 8.5
    { values: [5, 5, 5, 1, 1], expected: 5 }, // sorted 1,1,5,5,5 → 5
  ])('median($values) = $expected', ({ values, expected }) => {
    expect(median(values)).toBe(expected);
  });
});

describe('scoreItem: medians and interest', () => {
  it.each([
    {
      name: 'one voter',
      // sev 3 → 4 h; freq 4 → 5/wk; interest 4 × 5 = 20
      v: votes('u1', { s: 3, f: 4 }),
      sev: 4,
      freq: 5,
      interest: 20,
      voters: 1,
    },
    {
      name: 'two voters (even: mean of the two middle mapped values)',
      // sev 3,4 → 4,16 → (4+16)/2 = 10; freq 2,3 → 0.25,1 → (0.25+1)/2 = 0.625; 10 × 0.625 = 6.25
      v: [...votes('u1', { s: 3, f: 2 }), ...votes('u2', { s: 4, f: 3 })],
      sev: 10,
      freq: 0.625,
      interest: 6.25,
      voters: 2,
    },
    {
      name: 'two voters: median of hours, not hours of the median level',
      // sev 2,4 → 1,16 → (1+16)/2 = 8.5 (level 3 would be 4); freq 3,3 → 1; 8.5 × 1 = 8.5
      v: [...votes('u1', { s: 2, f: 3 }), ...votes('u2', { s: 4, f: 3 })],
      sev: 8.5,
      freq: 1,
      interest: 8.5,
      voters: 2,
    },
    {
      name: 'three voters (odd: middle mapped value)',
      // sev 1,5,3 → 0.25,40,4 → sorted 0.25,4,40 → 4; freq 5,1,2 → 15,0.05,0.25 → sorted → 0.25; 4 × 0.25 = 1
      v: [...votes('u1', { s: 1, f: 5 }), ...votes('u2', { s: 5, f: 1 }), ...votes('u3', { s: 3, f: 2 })],
      sev: 4,
      freq: 0.25,
      interest: 1,
      voters: 3,
    },
    {
      name: 'four voters',
      // sev 1,2,4,5 → 0.25,1,16,40 → (1+16)/2 = 8.5; freq 3,3,4,5 → 1,1,5,15 → (1+5)/2 = 3; 8.5 × 3 = 25.5
      v: [
        ...votes('u1', { s: 1, f: 3 }),
        ...votes('u2', { s: 2, f: 3 }),
        ...votes('u3', { s: 4, f: 4 }),
        ...votes('u4', { s: 5, f: 5 }),
      ],
      sev: 8.5,
      freq: 3,
      interest: 25.5,
      voters: 4,
    },
    {
      name: 'five voters',
      // sev 2,2,3,5,5 → 1,1,4,40,40 → 4; freq 1,1,1,2,5 → 0.05,0.05,0.05,0.25,15 → 0.05; 4 × 0.05 = 0.2
      v: [
        ...votes('u1', { s: 2, f: 1 }),
        ...votes('u2', { s: 2, f: 1 }),
        ...votes('u3', { s: 3, f: 1 }),
        ...votes('u4', { s: 5, f: 2 }),
        ...votes('u5', { s: 5, f: 5 }),
      ],
      sev: 4,
      freq: 0.05,
      interest: 0.2,
      voters: 5,
    },
  ])('$name', ({ v, sev, freq, interest, voters }) => {
    const s = score(v);
    expect(s.scored).toBe(true);
    expect(s.severityHours).toBe(sev);
    expect(s.frequencyPerWeek).toBe(freq);
    expect(s.interest).toBeCloseTo(interest, 12);
    expect(s.voters).toBe(voters);
    expect(s.measured).toBe(false);
  });

  it.each([
    // effort XS,L → 2,60 → (2+60)/2 = 31
    { levels: [1, 4] as Level[], hours: 31 },
    // effort S,M,XL → 8,24,120 → 24
    { levels: [2, 5, 3] as Level[], hours: 24 },
    // effort XL → 120
    { levels: [5] as Level[], hours: 120 },
    // effort XS,XS,S,XL → 2,2,8,120 → (2+8)/2 = 5
    { levels: [1, 1, 2, 5] as Level[], hours: 5 },
  ])('effort median of $levels is $hours h', ({ levels, hours }) => {
    const s = score([...votes('u1', { s: 3, f: 3 }), ...each('effort', levels)]);
    expect(s.effortHours).toBe(hours);
    expect(s.effortKnown).toBe(true);
  });
});

describe('scoreItem: a dimension with no votes is not scored', () => {
  it.each([
    { name: 'no votes at all', v: [] as Vote[], sev: null, freq: null, voters: 0 },
    // sev 4,4 → 16,16 → 16; no frequency
    { name: 'severity only', v: each('severity', [4, 4]), sev: 16, freq: null, voters: 2 },
    // freq 5 → 15; no severity
    { name: 'frequency only', v: each('frequency', [5]), sev: null, freq: 15, voters: 1 },
    // effort-only voters are not voters
    { name: 'effort only', v: each('effort', [1, 2, 3]), sev: null, freq: null, voters: 0 },
  ])('$name: interest null (never 0), priority and payback null, not ranked', ({ v, sev, freq, voters }) => {
    const s = score(v, [], 1);
    expect(s.scored).toBe(false);
    expect(s.ranked).toBe(false);
    expect(s.severityHours).toBe(sev);
    expect(s.frequencyPerWeek).toBe(freq);
    expect(s.interest).toBeNull();
    expect(s.interest).not.toBe(0);
    expect(s.priority).toBeNull();
    expect(s.paybackWeeks).toBeNull();
    expect(s.voters).toBe(voters);
    expect(s.confidence).toBe('low');
  });
});

describe('scoreItem: effort default', () => {
  it('without effort votes uses 24 h (size M) and marks effort unknown', () => {
    // sev 4 → 16; freq 3 → 1; interest 16; effort 24 (default) → priority 16/24 = 2/3, payback 24/16 = 1.5
    const s = score([...votes('u1', { s: 4, f: 3 }), ...votes('u2', { s: 4, f: 3 })]);
    expect(s.effortHours).toBe(24);
    expect(s.effortKnown).toBe(false);
    expect(s.priority).toBeCloseTo(2 / 3, 12);
    expect(s.paybackWeeks).toBe(1.5);
  });

  it('an explicit M vote gives the same hours but effort is known', () => {
    const s = score(votes('u1', { s: 4, f: 3, e: 3 }));
    expect(s.effortHours).toBe(24);
    expect(s.effortKnown).toBe(true);
  });
});

describe('scoreItem: priority and payback', () => {
  it.each([
    // sev 4 → 16; freq 3 → 1; interest 16; effort S 8 → priority 16/8 = 2, payback 8/16 = 0.5
    { s: 4, f: 3, e: 2, interest: 16, effort: 8, priority: 2, payback: 0.5 },
    // sev 4 → 16; freq 3 → 1; interest 16; effort XL 120 → priority 16/120 = 0.1333…, payback 120/16 = 7.5
    { s: 4, f: 3, e: 5, interest: 16, effort: 120, priority: 16 / 120, payback: 7.5 },
    // sev 5 → 40; freq 5 → 15; interest 600; effort XS 2 → priority 300, payback 2/600 = 0.00333…
    { s: 5, f: 5, e: 1, interest: 600, effort: 2, priority: 300, payback: 2 / 600 },
    // sev 1 → 0.25; freq 1 → 0.05; interest 0.0125; effort L 60 → priority 0.0125/60, payback 4800 weeks
    { s: 1, f: 1, e: 4, interest: 0.0125, effort: 60, priority: 0.0125 / 60, payback: 4800 },
  ] as const)('sev $s freq $f effort $e → priority $priority, payback $payback', (row) => {
    const sc = score(votes('u1', { s: row.s, f: row.f, e: row.e }));
    expect(sc.interest).toBeCloseTo(row.interest, 12);
    expect(sc.effortHours).toBe(row.effort);
    expect(sc.priority).toBeCloseTo(row.priority, 12);
    expect(sc.paybackWeeks).toBeCloseTo(row.payback, 9);
    // priority × payback = 1 whenever both exist
    expect((sc.priority ?? 0) * (sc.paybackWeeks ?? 0)).toBeCloseTo(1, 12);
  });
});

describe('scoreItem: voters', () => {
  it.each([
    // u1 sev+freq+effort counts once
    { name: 'one user in every dimension counts once', v: votes('u1', { s: 2, f: 2, e: 2 }), voters: 1 },
    // u1 sev, u2 freq → 2 distinct
    {
      name: 'severity-only and frequency-only voters both count',
      v: [...votes('u1', { s: 2 }), ...votes('u2', { f: 2 })],
      voters: 2,
    },
    // u1 sev+freq, u2 effort only, u3 effort only → 1
    {
      name: 'effort-only voters do not count',
      v: [...votes('u1', { s: 2, f: 2 }), ...votes('u2', { e: 1 }), ...votes('u3', { e: 5 })],
      voters: 1,
    },
    // u1 sev, u1 freq, u2 sev+effort → 2
    {
      name: 'distinct users across severity and frequency',
      v: [...votes('u1', { s: 2 }), ...votes('u1', { f: 3 }), ...votes('u2', { s: 3, e: 2 })],
      voters: 2,
    },
  ])('$name', ({ v, voters }) => {
    expect(score(v).voters).toBe(voters);
  });
});

describe('scoreItem: quorum', () => {
  it.each([
    // 1 voter < quorum 2 → unranked, low
    { name: 'one voter, quorum 2', v: votes('u1', { s: 3, f: 3 }), quorum: 2, ranked: false },
    // 1 voter ≥ quorum 1 → ranked
    { name: 'one voter, quorum 1', v: votes('u1', { s: 3, f: 3 }), quorum: 1, ranked: true },
    // 2 voters ≥ quorum 2
    {
      name: 'two voters, quorum 2',
      v: [...votes('u1', { s: 3, f: 3 }), ...votes('u2', { s: 3, f: 3 })],
      quorum: 2,
      ranked: true,
    },
    // 2 voters < quorum 3
    {
      name: 'two voters, quorum 3',
      v: [...votes('u1', { s: 3, f: 3 }), ...votes('u2', { s: 3, f: 3 })],
      quorum: 3,
      ranked: false,
    },
    // u1 sev + u2 freq: scored, 2 voters ≥ 2
    {
      name: 'split voters reach quorum',
      v: [...votes('u1', { s: 3 }), ...votes('u2', { f: 3 })],
      quorum: 2,
      ranked: true,
    },
    // 1 sev/freq voter + 2 effort-only voters: still 1 voter < 2
    {
      name: 'effort-only voters do not make quorum',
      v: [...votes('u1', { s: 3, f: 3 }), ...votes('u2', { e: 2 }), ...votes('u3', { e: 2 })],
      quorum: 2,
      ranked: false,
    },
  ])('$name → ranked $ranked', ({ v, quorum, ranked }) => {
    const s = score(v, [], quorum);
    expect(s.scored).toBe(true);
    expect(s.ranked).toBe(ranked);
    // without measured interest, quorum counts the voters only
    expect(s.quorumCount).toBe(s.voters);
    if (!ranked) expect(s.confidence).toBe('low');
    // a below-quorum item is still scored: it has an interest, it just is not ranked
    expect(s.interest).not.toBeNull();
  });
});

describe('scoreItem: disagreement', () => {
  it.each([
    // sev 1,4 → spread 3 ≥ 3
    {
      name: 'severity 1 vs 4',
      v: [...each('severity', [1, 4]), ...each('frequency', [3, 3])],
      dims: ['severity'],
    },
    // sev 2,5 → spread 3
    {
      name: 'severity 2 vs 5',
      v: [...each('severity', [2, 5]), ...each('frequency', [3, 3])],
      dims: ['severity'],
    },
    // sev 1,3 → spread 2 < 3
    {
      name: 'severity 1 vs 3 (spread 2)',
      v: [...each('severity', [1, 3]), ...each('frequency', [3, 3])],
      dims: [],
    },
    // freq 2,5 → spread 3
    {
      name: 'frequency 2 vs 5',
      v: [...each('severity', [3, 3]), ...each('frequency', [2, 5])],
      dims: ['frequency'],
    },
    // freq 1,3,5 → spread 4
    {
      name: 'frequency 1,3,5',
      v: [...each('severity', [3, 3, 3]), ...each('frequency', [1, 3, 5])],
      dims: ['frequency'],
    },
    // effort XS vs L → levels 1,4 spread 3
    {
      name: 'effort XS vs L',
      v: [...each('severity', [3, 3]), ...each('frequency', [3, 3]), ...each('effort', [1, 4])],
      dims: ['effort'],
    },
    // effort S vs L → levels 2,4 spread 2
    {
      name: 'effort S vs L (spread 2)',
      v: [...each('severity', [3, 3]), ...each('frequency', [3, 3]), ...each('effort', [2, 4])],
      dims: [],
    },
    // every dimension 1 vs 5 → spread 4 each
    {
      name: 'all three',
      v: [...each('severity', [1, 5]), ...each('frequency', [5, 1]), ...each('effort', [5, 1])],
      dims: ['severity', 'frequency', 'effort'],
    },
  ] as { name: string; v: Vote[]; dims: Dimension[] }[])('$name → $dims', ({ v, dims }) => {
    const s = score(v);
    expect(s.disagreement).toEqual(dims);
    expect(s.voters).toBeGreaterThanOrEqual(2);
    // disagreement forces low confidence even at quorum
    expect(s.confidence).toBe(dims.length > 0 ? 'low' : 'medium');
  });

  it('a single vote never disagrees (needs ≥ 2 votes in the dimension)', () => {
    // one severity vote at 5, one frequency vote at 1: one vote per dimension
    const s = score(votes('u1', { s: 5, f: 1, e: 1 }), [], 1);
    expect(s.disagreement).toEqual([]);
  });
});

describe('scoreItem: confidence', () => {
  const five = (sev: Level[], freq: Level[], eff: Level[] = []) => [
    ...each('severity', sev),
    ...each('frequency', freq),
    ...each('effort', eff),
  ];
  it.each([
    // 5 voters, sev spread 4−3 = 1, freq spread 3−2 = 1 → high
    { name: '5 voters, spread ≤ 1 on both', v: five([3, 3, 4, 4, 3], [2, 2, 2, 3, 3]), quorum: 2, c: 'high' },
    // 6 voters, spread 0 on both → high
    { name: '6 voters, unanimous', v: five([4, 4, 4, 4, 4, 4], [3, 3, 3, 3, 3, 3]), quorum: 2, c: 'high' },
    // effort spread 2 (S..L) does not matter for high: "both" is severity and frequency
    {
      name: '5 voters, effort spread 2',
      v: five([3, 3, 3, 3, 3], [3, 3, 3, 3, 3], [2, 4, 3]),
      quorum: 2,
      c: 'high',
    },
    // 5 voters but sev spread 5−3 = 2 → medium
    {
      name: '5 voters, severity spread 2',
      v: five([3, 3, 3, 3, 5], [3, 3, 3, 3, 3]),
      quorum: 2,
      c: 'medium',
    },
    // 5 voters but freq spread 4−2 = 2 → medium
    {
      name: '5 voters, frequency spread 2',
      v: five([3, 3, 3, 3, 3], [2, 3, 3, 3, 4]),
      quorum: 2,
      c: 'medium',
    },
    // 4 voters < 5 → medium
    { name: '4 voters, unanimous', v: five([3, 3, 3, 3], [3, 3, 3, 3]), quorum: 2, c: 'medium' },
    // 2 voters at quorum 2 → medium
    { name: '2 voters at quorum', v: five([3, 3], [3, 3]), quorum: 2, c: 'medium' },
    // 5 voters, quorum 6 → below quorum → low
    { name: '5 voters below quorum 6', v: five([3, 3, 3, 3, 3], [3, 3, 3, 3, 3]), quorum: 6, c: 'low' },
    // 5 voters, sev 1..4 spread 3 → disagreement → low
    { name: '5 voters with disagreement', v: five([1, 4, 3, 3, 3], [3, 3, 3, 3, 3]), quorum: 2, c: 'low' },
    // 5 voters, effort XS vs XL spread 4 → disagreement → low
    {
      name: '5 voters, effort disagreement',
      v: five([3, 3, 3, 3, 3], [3, 3, 3, 3, 3], [1, 5]),
      quorum: 2,
      c: 'low',
    },
  ] as { name: string; v: Vote[]; quorum: number; c: Score['confidence'] }[])(
    '$name → $c',
    ({ v, quorum, c }) => {
      expect(score(v, [], quorum).confidence).toBe(c);
    },
  );
});

describe('measured interest', () => {
  // voted: sev 4 → 16, freq 4 → 5 → 80 h/wk, so any measured figure is visibly different
  const voted = [...votes('u1', { s: 4, f: 4 }), ...votes('u2', { s: 4, f: 4 })];

  it.each([
    {
      name: '3 reports from 2 people within 28 days',
      // (2 + 3 + 5) / 4 = 2.5
      reports: [report('a', 2, 1), report('b', 3, 10), report('a', 5, 27)],
      measured: 2.5,
    },
    {
      name: '4 reports from 3 people',
      // (1 + 1 + 4 + 10) / 4 = 4
      reports: [report('a', 1, 0.5), report('b', 1, 2), report('c', 4, 3), report('a', 10, 20)],
      measured: 4,
    },
    {
      name: 'old reports are left out of the sum',
      // recent: (1 + 2 + 3) / 4 = 1.5; the 100 h report 40 days ago does not count
      reports: [report('a', 1, 1), report('b', 2, 2), report('a', 3, 3), report('c', 100, 40)],
      measured: 1.5,
    },
    {
      name: '3 reports from one person only',
      reports: [report('a', 2, 1), report('a', 3, 2), report('a', 5, 3)],
      measured: null,
    },
    {
      name: '2 reports from 2 people (too few)',
      reports: [report('a', 2, 1), report('b', 3, 2)],
      measured: null,
    },
    {
      name: '3 reports from 2 people, one older than 28 days',
      // recent: a@1d, b@2d → only 2 reports
      reports: [report('a', 2, 1), report('b', 3, 2), report('a', 5, 29)],
      measured: null,
    },
    {
      name: '3 reports in the window but the second person only reported long ago',
      // recent: a@1d, a@2d, a@3d → 1 person; b@30d is out
      reports: [report('a', 2, 1), report('a', 3, 2), report('a', 5, 3), report('b', 8, 30)],
      measured: null,
    },
    {
      name: 'all reports older than 28 days',
      reports: [report('a', 2, 29), report('b', 3, 35), report('c', 5, 60)],
      measured: null,
    },
  ])('$name → $measured', ({ reports, measured }) => {
    expect(measuredInterest(reports, NOW)).toBe(measured);
    const s = score(voted, reports);
    if (measured === null) {
      expect(s.measured).toBe(false);
      expect(s.interest).toBe(80); // 16 × 5, the voted figure
    } else {
      expect(s.measured).toBe(true);
      expect(s.interest).toBe(measured);
      // effort default 24 → priority measured/24
      expect(s.priority).toBeCloseTo(measured / 24, 12);
      expect(s.paybackWeeks).toBeCloseTo(24 / measured, 12);
      // the voted medians are still shown
      expect(s.severityHours).toBe(16);
      expect(s.frequencyPerWeek).toBe(5);
    }
  });
});

describe('measured interest and quorum (§1.4: reporters count toward quorum)', () => {
  // a 2 h 1 day ago, b 3 h 2 days ago, a 5 h 3 days ago: 3 reports from 2 people → (2 + 3 + 5) / 4 = 2.5 h/week
  const pain = [report('a', 2, 1), report('b', 3, 2), report('a', 5, 3)];

  it('3 reports from 2 people and no votes, quorum 2: scored and ranked on the measured figure', () => {
    const s = score([], pain, 2);
    expect(s.measured).toBe(true);
    expect(s.scored).toBe(true);
    expect(s.interest).toBe(2.5);
    expect(s.voters).toBe(0); // "N voters" still means severity/frequency voters
    expect(s.quorumCount).toBe(2); // a and b
    expect(s.ranked).toBe(true);
    // no votes: the medians stay null, never 0
    expect(s.severityHours).toBeNull();
    expect(s.frequencyPerWeek).toBeNull();
    // effort default 24 → priority 2.5 / 24, payback 24 / 2.5 = 9.6 weeks
    expect(s.effortHours).toBe(24);
    expect(s.effortKnown).toBe(false);
    expect(s.priority).toBeCloseTo(2.5 / 24, 12);
    expect(s.paybackWeeks).toBeCloseTo(9.6, 12);
    // ranked, no disagreement, fewer than 5 voters → medium
    expect(s.confidence).toBe('medium');
    expect(s.risk).toBe(false);
  });

  it('quorum 3: a voter who also reported pain is counted once', () => {
    // a votes sev 3 (4 h), freq 3 (1/wk) and is one of the two reporters: {a} ∪ {a, b} = 2 people < 3
    const s = score(votes('a', { s: 3, f: 3 }), pain, 3);
    expect(s.voters).toBe(1);
    expect(s.quorumCount).toBe(2);
    expect(s.scored).toBe(true);
    expect(s.ranked).toBe(false);
    expect(s.confidence).toBe('low');
    // the measured 2.5 replaces the voted 4 × 1 = 4
    expect(s.interest).toBe(2.5);
    expect(s.severityHours).toBe(4);
    expect(s.frequencyPerWeek).toBe(1);
  });

  it('a measured item with 1 voter and 2 other reporters reaches quorum 3', () => {
    // v1 votes sev 3 (4 h), freq 3 (1/wk); a and b reported: {v1} ∪ {a, b} = 3 people ≥ 3
    const s = score(votes('v1', { s: 3, f: 3 }), pain, 3);
    expect(s.voters).toBe(1);
    expect(s.quorumCount).toBe(3);
    expect(s.ranked).toBe(true);
    expect(s.interest).toBe(2.5);
    expect(s.confidence).toBe('medium');
    // one more person than the quorum counts does not rank it
    expect(score(votes('v1', { s: 3, f: 3 }), pain, 4).ranked).toBe(false);
  });

  it('reports older than 28 days neither count toward quorum nor toward the figure', () => {
    // c 100 h 29 days ago and d 8 h 40 days ago are out: the window holds a, b only → 2 people, 2.5 h/week
    const old = [...pain, report('c', 100, 29), report('d', 8, 40)];
    const s = score([], old, 3);
    expect(s.measured).toBe(true);
    expect(s.interest).toBe(2.5);
    expect(s.quorumCount).toBe(2);
    expect(s.ranked).toBe(false);
    expect(s.confidence).toBe('low');
    // the same people inside the window would make quorum 3: a, b, c → (2 + 3 + 5 + 100) / 4 = 27.5
    const recent = score([], [...pain, report('c', 100, 27)], 3);
    expect(recent.quorumCount).toBe(3);
    expect(recent.ranked).toBe(true);
    expect(recent.interest).toBe(27.5);
  });

  it('reporters count only when the interest is measured', () => {
    // 2 reports from a and b: too few to measure, so u1's votes alone decide: 1 person < quorum 2
    const s = score(votes('u1', { s: 3, f: 3 }), [report('a', 2, 1), report('b', 3, 2)], 2);
    expect(s.measured).toBe(false);
    expect(s.interest).toBe(4); // voted: 4 h × 1/week
    expect(s.quorumCount).toBe(1);
    expect(s.ranked).toBe(false);
    // and with no votes at all, unmeasured reports leave the item unscored ("needs votes")
    const none = score([], [report('a', 2, 1), report('b', 3, 2)], 1);
    expect(none.scored).toBe(false);
    expect(none.interest).toBeNull();
    expect(none.quorumCount).toBe(0);
  });

  it('measured with 5 reporters but no voters is medium, not high: high needs 5 voters', () => {
    const five = ['a', 'b', 'c', 'd', 'e'].map((u, i) => report(u, 1, i + 1));
    const s = score([], five, 2);
    expect(s.quorumCount).toBe(5);
    expect(s.voters).toBe(0);
    expect(s.confidence).toBe('medium');
  });
});

describe('risk lane', () => {
  it.each([
    { sev: [5], risk: true }, // 1 of 1 critical
    { sev: [5, 1], risk: true }, // 1 of 2: exactly half counts
    { sev: [5, 5, 1, 1], risk: true }, // 2 of 4: exactly half
    { sev: [5, 5, 1], risk: true }, // 2 of 3
    { sev: [5, 1, 1], risk: false }, // 1 of 3 < half
    { sev: [5, 1, 1, 1], risk: false }, // 1 of 4
    { sev: [5, 5, 4, 4, 4], risk: false }, // 2 of 5 < half
    { sev: [5, 5, 5, 4, 4], risk: true }, // 3 of 5
    { sev: [4, 4], risk: false }, // no criticals
    { sev: [], risk: false }, // no severity votes at all
  ] as { sev: Level[]; risk: boolean }[])('severity $sev → risk $risk', ({ sev, risk }) => {
    // low-priority frequency so risk is visibly independent of priority
    const s = score([...each('severity', sev), ...each('frequency', [1])]);
    expect(s.risk).toBe(risk);
  });
});

describe('compareScored and rank', () => {
  const base: Score = {
    voters: 3,
    quorumCount: 3,
    scored: true,
    ranked: true,
    severityHours: 4,
    frequencyPerWeek: 1,
    effortHours: 24,
    effortKnown: true,
    interest: 4,
    measured: false,
    priority: 4 / 24,
    paybackWeeks: 6,
    disagreement: [],
    confidence: 'medium',
    risk: false,
  };
  const entry = (id: number, score: Partial<Score> = {}, createdAt = '2025-01-01T00:00:00.000Z'): Scored => ({
    item: { id, createdAt },
    score: { ...base, ...score },
  });
  const ids = (entries: Scored[]) => rank(entries).map((e) => e.item.id);

  // In each case `first` must come before `second`; every earlier key is equal. The ids are chosen so that
  // the id tie-break (the last rule) would give the opposite order.
  it.each([
    {
      rule: 'ranked before unranked (even with a higher priority)',
      first: entry(9, { ranked: true, priority: 0.1 }),
      second: entry(1, { ranked: false, priority: 50 }),
    },
    {
      rule: 'unranked with a priority before unranked without one',
      first: entry(9, { ranked: false, priority: 0.001 }),
      second: entry(1, { ranked: false, scored: false, priority: null, interest: null }),
    },
    {
      rule: 'priority desc',
      first: entry(9, { priority: 2 }),
      second: entry(1, { priority: 1 }),
    },
    {
      rule: 'severityHours desc (priority equal)',
      first: entry(9, { priority: 1, severityHours: 16 }),
      second: entry(1, { priority: 1, severityHours: 4 }),
    },
    {
      rule: 'voters desc (priority, severity equal)',
      first: entry(9, { voters: 4 }),
      second: entry(1, { voters: 3 }),
    },
    {
      rule: 'effortHours asc (priority, severity, voters equal)',
      first: entry(9, { effortHours: 8 }),
      second: entry(1, { effortHours: 24 }),
    },
    {
      rule: 'createdAt asc (all scores equal)',
      first: entry(9, {}, '2025-01-01T00:00:00.000Z'),
      second: entry(1, {}, '2025-01-02T00:00:00.000Z'),
    },
    {
      rule: 'createdAt asc compares instants, across a month boundary',
      first: entry(9, {}, '2024-12-31T23:59:59.999Z'),
      second: entry(1, {}, '2025-01-01T00:00:00.000Z'),
    },
  ])('$rule', ({ first, second }) => {
    expect(compareScored(first, second)).toBeLessThan(0);
    expect(compareScored(second, first)).toBeGreaterThan(0);
    expect(ids([second, first])).toEqual([first.item.id, second.item.id]);
    expect(ids([first, second])).toEqual([first.item.id, second.item.id]);
  });

  it('id asc when everything else is equal', () => {
    const a = entry(2);
    const b = entry(10);
    expect(compareScored(a, b)).toBeLessThan(0);
    expect(compareScored(b, a)).toBeGreaterThan(0);
    expect(compareScored(a, entry(2))).toBe(0);
    // numeric, not lexicographic: 2 before 10
    expect(ids([b, a])).toEqual([2, 10]);
  });

  it('ties in priority computed from real votes fall through to severityHours', () => {
    // A: sev 2 → 1 h; freq levels 1,2 → 0.05,0.25 → 0.15/wk; interest 0.15; effort default 24 → 0.15/24 = 1/160
    const a = scoreItem([...votes('u1', { s: 2, f: 1 }), ...votes('u2', { f: 2 })], [], 2, NOW);
    // B: sev 1 → 0.25 h; freq 1 → 0.05/wk; interest 0.0125; effort XS 2 → 0.0125/2 = 1/160
    const b = scoreItem([...votes('u3', { s: 1, f: 1, e: 1 }), ...votes('u4', { s: 1, f: 1 })], [], 2, NOW);
    expect(a.ranked && b.ranked).toBe(true);
    expect(a.priority).toBeCloseTo(1 / 160, 15);
    expect(b.priority).toBeCloseTo(1 / 160, 15);
    // equal priority, so A's higher severity (1 h > 0.25 h) puts it first, whatever the float rounding did
    const ea: Scored = { item: { id: 2, createdAt: '2025-01-01T00:00:00.000Z' }, score: a };
    const eb: Scored = { item: { id: 1, createdAt: '2025-01-01T00:00:00.000Z' }, score: b };
    expect(compareScored(ea, eb)).toBeLessThan(0);
    expect(ids([eb, ea])).toEqual([2, 1]);
  });

  it('measured interest summed in a different report order ranks the same', () => {
    // 0.1 + 0.2 + 0.3 differs from 0.3 + 0.2 + 0.1 in the last bit; both are 0.6 / 4 = 0.15 h/wk
    const r1 = [report('a', 0.1, 1), report('b', 0.2, 2), report('a', 0.3, 3)];
    const r2 = [...r1].reverse();
    const two = [...votes('u1', { s: 3, f: 3 }), ...votes('u2', { s: 3, f: 3 })];
    const low: Scored = { item: { id: 1, createdAt: '2025-01-01T00:00:00.000Z' }, score: score(two, r1) };
    const high: Scored = {
      item: { id: 2, createdAt: '2025-01-02T00:00:00.000Z' },
      score: { ...score(two, r2), severityHours: 16 },
    };
    expect(low.score.interest).toBeCloseTo(0.15, 12);
    expect(high.score.interest).toBeCloseTo(0.15, 12);
    // equal priority → severity decides: 16 h before 4 h
    expect(ids([low, high])).toEqual([2, 1]);
  });

  it('sorts a mixed list by every rule in turn and does not mutate its input', () => {
    const list = [
      entry(1, { ranked: false, scored: false, priority: null, interest: null, severityHours: null }),
      entry(2, { priority: 1 }, '2025-01-03T00:00:00.000Z'),
      entry(3, { priority: 1 }, '2025-01-02T00:00:00.000Z'),
      entry(4, { priority: 1, effortHours: 8 }),
      entry(5, { priority: 1, voters: 5 }),
      entry(6, { priority: 1, severityHours: 40 }),
      entry(7, { priority: 3 }),
      entry(8, { ranked: false, priority: 100 }),
      entry(9, { priority: 1 }, '2025-01-02T00:00:00.000Z'),
    ];
    const before = list.map((e) => e.item.id);
    // 7 (priority 3); then priority 1: 6 (40 h), 5 (5 voters), 4 (8 h effort), then createdAt 01-02: 3, 9
    // (id asc), then 2 (01-03); then unranked: 8 (has a priority), 1 (none)
    expect(ids(list)).toEqual([7, 6, 5, 4, 3, 9, 2, 8, 1]);
    expect(list.map((e) => e.item.id)).toEqual(before);
  });
});
