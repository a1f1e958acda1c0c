// Property tests of SPEC §1.4: the order is a strict total order, ranking is deterministic, one item's
// score depends on its own inputs only, interest is monotone in the votes, priority ⇔ interest.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Level } from '../../src/domain/scales.ts';
import {
  compareScored,
  type PainReport,
  rank,
  type Score,
  type Scored,
  scoreItem,
  type Vote,
} from '../../src/domain/scoring.ts';

const RUNS = { seed: 42, numRuns: 300 } as const;
const NOW = new Date('2025-06-30T12:00:00.000Z');
const MINUTE = 60_000;

const level = fc.integer({ min: 1, max: 5 }).map((n) => n as Level);
const optionalLevel = fc.option(level, { nil: undefined });

/** One user's ballot; the store keeps at most one vote per user and dimension. */
const ballot = fc.record({ s: optionalLevel, f: optionalLevel, e: optionalLevel });

function toVotes(ballots: readonly { s?: Level; f?: Level; e?: Level }[]): Vote[] {
  return ballots.flatMap((b, i) => {
    const userId = `U${i}`;
    const out: Vote[] = [];
    if (b.s !== undefined) out.push({ userId, dimension: 'severity', level: b.s });
    if (b.f !== undefined) out.push({ userId, dimension: 'frequency', level: b.f });
    if (b.e !== undefined) out.push({ userId, dimension: 'effort', level: b.e });
    return out;
  });
}

const votesArb = fc.array(ballot, { maxLength: 7 }).map(toVotes);

/** Hours in (0, 168]: quarter hours (many exact ties) and arbitrary doubles (float noise). */
const hoursArb = fc.oneof(
  fc.integer({ min: 1, max: 672 }).map((q) => q / 4),
  fc.double({ min: 0.01, max: 168, noNaN: true, noDefaultInfinity: true }),
);

const reportArb: fc.Arbitrary<PainReport> = fc
  .record({
    userId: fc.constantFrom('A', 'B', 'C'),
    hours: hoursArb,
    // up to 40 days ago, so some fall outside the 28-day window
    ageMinutes: fc.integer({ min: 0, max: 40 * 24 * 60 }),
  })
  .map(({ userId, hours, ageMinutes }) => ({
    userId,
    hours,
    at: new Date(NOW.getTime() - ageMinutes * MINUTE).toISOString(),
  }));

const reportsArb = fc.array(reportArb, { maxLength: 6 });
const quorumArb = fc.integer({ min: 1, max: 4 });
const createdAtArb = fc.constantFrom(
  '2025-01-01T00:00:00.000Z',
  '2025-01-01T00:00:00.001Z',
  '2025-02-10T09:30:00.000Z',
  '2024-12-31T23:59:59.999Z',
);

interface Input {
  createdAt: string;
  votes: Vote[];
  reports: PainReport[];
}

const inputArb: fc.Arbitrary<Input> = fc.record({
  createdAt: createdAtArb,
  votes: votesArb,
  reports: reportsArb,
});

/** Items with distinct ids 1..n (ids are unique per workspace). */
const inputsArb = fc.array(inputArb, { minLength: 1, maxLength: 12 });

function scoreAll(inputs: readonly Input[], quorum: number): Scored[] {
  return inputs.map((input, i) => ({
    item: { id: i + 1, createdAt: input.createdAt },
    score: scoreItem(input.votes, input.reports, quorum, NOW),
  }));
}

/** Score records drawn straight from small domains, so that every key is often tied. */
const BASE: Score = {
  voters: 0,
  quorumCount: 0,
  scored: true,
  ranked: true,
  severityHours: 4,
  frequencyPerWeek: 1,
  effortHours: 24,
  effortKnown: true,
  interest: 4,
  measured: false,
  priority: 1,
  paybackWeeks: 1,
  disagreement: [],
  confidence: 'medium',
  risk: false,
};
const syntheticArb: fc.Arbitrary<Scored> = fc
  .record({
    id: fc.integer({ min: 1, max: 4 }),
    createdAt: createdAtArb,
    ranked: fc.boolean(),
    // includes 1/160 reached by two float paths (0.15/24 and 0.0125/2)
    priority: fc.option(fc.constantFrom(0.5, 1, 2, 0.15 / 24, 0.0125 / 2, 1 / 3), { nil: null }),
    severityHours: fc.option(fc.constantFrom(0.25, 1, 4, 8.5, 40), { nil: null }),
    voters: fc.integer({ min: 0, max: 3 }),
    effortHours: fc.constantFrom(2, 8, 24, 31),
  })
  .map(({ id, createdAt, ...score }) => ({ item: { id, createdAt }, score: { ...BASE, ...score } }));

/** Realistic entries from scoreItem, or synthetic ones with many ties. */
const entryArb: fc.Arbitrary<Scored> = fc.oneof(
  syntheticArb,
  fc.tuple(fc.integer({ min: 1, max: 4 }), inputArb, quorumArb).map(([id, input, quorum]) => ({
    item: { id, createdAt: input.createdAt },
    score: scoreItem(input.votes, input.reports, quorum, NOW),
  })),
);

const sameKeys = (a: Scored, b: Scored) =>
  a.item.id === b.item.id &&
  a.item.createdAt === b.item.createdAt &&
  a.score.ranked === b.score.ranked &&
  a.score.priority === b.score.priority &&
  a.score.severityHours === b.score.severityHours &&
  a.score.voters === b.score.voters &&
  a.score.effortHours === b.score.effortHours;

describe('compareScored is a strict total order', () => {
  it('is reflexive (x = x) and antisymmetric (sign(a,b) = −sign(b,a))', () => {
    fc.assert(
      fc.property(entryArb, entryArb, (a, b) => {
        expect(compareScored(a, a)).toBe(0);
        expect(Math.sign(compareScored(a, b)) + Math.sign(compareScored(b, a))).toBe(0);
      }),
      RUNS,
    );
  });

  it('is total: distinct ids never compare equal', () => {
    fc.assert(
      fc.property(entryArb, entryArb, (a, b) => {
        fc.pre(a.item.id !== b.item.id);
        expect(compareScored(a, b)).not.toBe(0);
      }),
      RUNS,
    );
  });

  it('only identical sort keys compare equal', () => {
    fc.assert(
      fc.property(syntheticArb, syntheticArb, (a, b) => {
        if (sameKeys(a, b)) expect(compareScored(a, b)).toBe(0);
        if (a.item.id !== b.item.id) expect(compareScored(a, b)).not.toBe(0);
      }),
      RUNS,
    );
  });

  it('is transitive over every ordering of three entries', () => {
    fc.assert(
      fc.property(entryArb, entryArb, entryArb, (a, b, c) => {
        const perms: [Scored, Scored, Scored][] = [
          [a, b, c],
          [a, c, b],
          [b, a, c],
          [b, c, a],
          [c, a, b],
          [c, b, a],
        ];
        for (const [x, y, z] of perms) {
          const xy = compareScored(x, y);
          const yz = compareScored(y, z);
          if (xy <= 0 && yz <= 0) expect(compareScored(x, z)).toBeLessThanOrEqual(0);
          if (xy === 0 && yz === 0) expect(compareScored(x, z)).toBe(0);
        }
      }),
      RUNS,
    );
  });
});

describe('rank', () => {
  it('gives the same list whatever the input order', () => {
    const arb = fc.tuple(inputsArb, quorumArb).chain(([inputs, quorum]) => {
      const entries = scoreAll(inputs, quorum);
      return fc.tuple(
        fc.constant(entries),
        fc.shuffledSubarray(entries, { minLength: entries.length, maxLength: entries.length }),
      );
    });
    fc.assert(
      fc.property(arb, ([entries, shuffled]) => {
        const a = rank(entries);
        const b = rank(shuffled);
        expect(b.map((e) => e.item.id)).toEqual(a.map((e) => e.item.id));
        // a permutation of the input, strictly increasing, and ranked items never below unranked ones
        expect([...a.map((e) => e.item.id)].sort((x, y) => x - y)).toEqual(entries.map((e) => e.item.id));
        for (let i = 1; i < a.length; i++) {
          const prev = a[i - 1];
          const cur = a[i];
          if (prev === undefined || cur === undefined) throw new Error('unreachable');
          expect(compareScored(prev, cur)).toBeLessThan(0);
          if (cur.score.ranked) expect(prev.score.ranked).toBe(true);
        }
        // idempotent
        expect(rank(a)).toEqual(a);
      }),
      RUNS,
    );
  });

  it('scores do not depend on the order of votes, and report order does not change the rank', () => {
    const arb = fc
      .tuple(votesArb, reportsArb, quorumArb)
      .chain(([votes, reports, quorum]) =>
        fc.tuple(
          fc.constant({ votes, reports, quorum }),
          fc.shuffledSubarray(votes, { minLength: votes.length, maxLength: votes.length }),
          fc.shuffledSubarray(reports, { minLength: reports.length, maxLength: reports.length }),
        ),
      );
    fc.assert(
      fc.property(arb, ([{ votes, reports, quorum }, votes2, reports2]) => {
        const a = scoreItem(votes, reports, quorum, NOW);
        expect(scoreItem(votes2, reports, quorum, NOW)).toEqual(a);
        // a float sum in another order may differ in its last bit; the order must not see it
        const b = scoreItem(votes2, reports2, quorum, NOW);
        const item = { id: 1, createdAt: '2025-01-01T00:00:00.000Z' };
        expect(compareScored({ item, score: a }, { item, score: b })).toBe(0);
        if (a.interest === null) expect(b.interest).toBeNull();
        else expect(b.interest).toBeCloseTo(a.interest, 9);
      }),
      RUNS,
    );
  });
});

describe("one item's score depends on its own inputs only", () => {
  it("changing item X's votes and reports leaves every other score and their relative order alone", () => {
    const arb = fc.tuple(inputsArb, quorumArb, fc.nat(), votesArb, reportsArb);
    fc.assert(
      fc.property(arb, ([inputs, quorum, pick, newVotes, newReports]) => {
        const x = pick % inputs.length;
        const before = scoreAll(inputs, quorum);
        const rankedBefore = rank(before);
        const changed = inputs.map((input, i) =>
          i === x ? { ...input, votes: newVotes, reports: newReports } : input,
        );
        const after = scoreAll(changed, quorum);
        const rankedAfter = rank(after);
        const xId = x + 1;
        for (let i = 0; i < inputs.length; i++) {
          if (i === x) continue;
          expect(after[i]).toEqual(before[i]);
        }
        const others = (list: Scored[]) => list.filter((e) => e.item.id !== xId).map((e) => e.item.id);
        expect(others(rankedAfter)).toEqual(others(rankedBefore));
      }),
      RUNS,
    );
  });
});

describe('interest is monotone in the votes (voted path, no pain reports)', () => {
  it('raising one severity or frequency vote by a level never lowers interest or priority', () => {
    const arb = fc.tuple(votesArb, fc.nat(), quorumArb);
    fc.assert(
      fc.property(arb, ([votes, pick, quorum]) => {
        const raisable = votes
          .map((v, i) => ({ v, i }))
          .filter(({ v }) => v.dimension !== 'effort' && v.level < 5);
        fc.pre(raisable.length > 0);
        const chosen = raisable[pick % raisable.length];
        if (chosen === undefined) throw new Error('unreachable');
        const raised = votes.map((v, i) => (i === chosen.i ? { ...v, level: (v.level + 1) as Level } : v));
        const a = scoreItem(votes, [], quorum, NOW);
        const b = scoreItem(raised, [], quorum, NOW);
        expect(b.scored).toBe(a.scored);
        expect(b.effortHours).toBe(a.effortHours);
        if (a.interest === null || b.interest === null || a.priority === null || b.priority === null) {
          expect(a.interest).toBeNull();
          expect(b.interest).toBeNull();
          return;
        }
        expect(b.interest).toBeGreaterThanOrEqual(a.interest);
        expect(b.priority).toBeGreaterThanOrEqual(a.priority);
        // the raised dimension's median never falls, the other does not move
        if (chosen.v.dimension === 'severity') {
          expect(b.severityHours ?? 0).toBeGreaterThanOrEqual(a.severityHours ?? 0);
          expect(b.frequencyPerWeek).toBe(a.frequencyPerWeek);
        } else {
          expect(b.frequencyPerWeek ?? 0).toBeGreaterThanOrEqual(a.frequencyPerWeek ?? 0);
          expect(b.severityHours).toBe(a.severityHours);
        }
      }),
      RUNS,
    );
  });
});

describe('null figures', () => {
  it('priority (and payback) is null exactly when interest is null; interest is never 0', () => {
    fc.assert(
      fc.property(votesArb, reportsArb, quorumArb, (votes, reports, quorum) => {
        const s = scoreItem(votes, reports, quorum, NOW);
        expect(s.priority === null).toBe(s.interest === null);
        expect(s.paybackWeeks === null).toBe(s.interest === null);
        expect(s.interest).not.toBe(0);
        // interest exists exactly when scored: by votes, or measured from reports (§1.4)
        expect(s.interest !== null).toBe(s.scored);
        if (s.measured) expect(s.scored).toBe(true);
        if (s.interest !== null && s.priority !== null) {
          expect(s.priority).toBeCloseTo(s.interest / s.effortHours, 12);
          expect(s.interest).toBeGreaterThan(0);
        }
        // ranked exactly when scored and quorum is met; reporters count toward quorum only when measured
        expect(s.ranked).toBe(s.scored && s.quorumCount >= quorum);
        expect(s.quorumCount).toBeGreaterThanOrEqual(s.voters);
        if (!s.measured) expect(s.quorumCount).toBe(s.voters);
      }),
      RUNS,
    );
  });
});
