// Digest inputs: small hand-built items for the model tests, and a maximal, hostile channel for limits and the bench.
import { CATEGORY_VALUES } from '../../src/domain/categories.ts';
import type { DigestInput, DigestItem } from '../../src/domain/digest.ts';
import { type Item, ItemSchema, STATUSES } from '../../src/domain/item.ts';
import type { Level } from '../../src/domain/scales.ts';
import { type Score, scoreItem, type Vote } from '../../src/domain/scoring.ts';
import { type ChannelSettings, ChannelSettingsSchema } from '../../src/domain/settings.ts';
import { CHANNEL, dense, evil, MAX_ID, TEAM } from './fixtures.ts';

const DAY = 86_400_000;
/** Monday 30 Nov 2026, 09:00 in Berlin: this slot; the window is the week before. */
export const SLOT = new Date('2026-11-30T08:00:00.000Z');
export const WINDOW = { start: new Date(SLOT.getTime() - 7 * DAY), end: SLOT };
export const daysAgo = (days: number, from: Date = SLOT): string =>
  new Date(from.getTime() - days * DAY).toISOString();

/** `voters` users who all give the same levels; effort votes only when `effort` is given. */
export function votes(voters: number, severity: Level, frequency: Level, effort?: Level): Vote[] {
  return Array.from({ length: voters }, (_, i) => {
    const userId = `U${String(i + 1).padStart(6, '0')}`;
    const mine: Vote[] = [
      { userId, dimension: 'severity', level: severity },
      { userId, dimension: 'frequency', level: frequency },
    ];
    if (effort) mine.push({ userId, dimension: 'effort', level: effort });
    return mine;
  }).flat();
}

export const scoreOf = (v: readonly Vote[], quorum = 2): Score => scoreItem(v, [], quorum, SLOT);
/** Ranked (2 voters), moderate and weekly: 4 h/week, effort M unless given. */
export const ranked = (severity: Level = 3, frequency: Level = 3, effort?: Level): Score =>
  scoreOf(votes(2, severity, frequency, effort));
export const unranked = (): Score => scoreOf(votes(1, 3, 3));
export const unscored = (): Score => scoreOf([]);
/** Two voters a Critical and a Nuisance apart: risk lane (half Critical) and needs discussion (spread 4). */
export const disputed = (): Score =>
  scoreOf([
    { userId: 'U000001', dimension: 'severity', level: 5 },
    { userId: 'U000002', dimension: 'severity', level: 1 },
    { userId: 'U000001', dimension: 'frequency', level: 3 },
    { userId: 'U000002', dimension: 'frequency', level: 3 },
  ]);

export function item(id: number, overrides: Partial<Item> = {}): Item {
  return ItemSchema.parse({
    v: 1,
    id,
    teamId: TEAM,
    channelId: CHANNEL,
    channelVisibility: 'public',
    title: `Item ${id}`,
    category: 'pipeline',
    reporterId: 'U0REPORTER1',
    status: 'open',
    createdAt: daysAgo(30),
    updatedAt: daysAgo(1),
    card: { ts: `1764489600.${String(id).padStart(6, '0')}`, orphaned: false },
    ...overrides,
  });
}

export function entry(
  id: number,
  score: Score = ranked(),
  overrides: Partial<Item> = {},
  lastActivityAt: string | null = null,
): DigestItem {
  return { item: item(id, overrides), score, lastActivityAt };
}

export const settings = (overrides: Partial<ChannelSettings> = {}): ChannelSettings =>
  ChannelSettingsSchema.parse({ v: 1, ...overrides });

export function input(items: DigestItem[], overrides: Partial<DigestInput> = {}): DigestInput {
  return {
    channelId: CHANNEL,
    items,
    settings: settings(),
    window: WINDOW,
    timezone: 'Europe/Berlin',
    kind: 'scheduled',
    lastSnapshot: null,
    interestSeries: [],
    celebrated: new Set(),
    missedWeeks: [],
    now: SLOT,
    ...overrides,
  };
}

// ── the maximal channel ──────────────────────────────────────────────────────────────────────────────

/** A small deterministic generator, so the maximal data is the same in every run. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

export const MAX_DENSE_TITLE = dense(150);

export interface MaximalChannel {
  items: DigestItem[];
  /** The synthetic votes each item was scored from (same index), for benchmarks that include scoring. */
  votes: Vote[][];
}

/** `count` items with 150-char hostile titles, every status and category, 50 resolvers, busy and idle items. */
export function maximalChannel(count = 10_000, quorum = 2): MaximalChannel {
  const rnd = lcg(42);
  const level = (): Level => (1 + Math.floor(rnd() * 5)) as Level;
  const items: DigestItem[] = [];
  const allVotes: Vote[][] = [];
  for (let i = 0; i < count; i++) {
    const status = STATUSES[i % 7 < 3 ? 0 : i % 7 < 4 ? 1 : i % 7 < 6 ? 2 : 3] ?? 'open';
    const voters = Math.floor(rnd() * 8);
    const v: Vote[] = Array.from({ length: voters }, (_, u) => {
      const userId = `U${String(u + 1).padStart(8, '0')}`;
      return (['severity', 'frequency', 'effort'] as const).map((dimension) => ({
        userId,
        dimension,
        level: level(),
      }));
    }).flat();
    const createdAt = daysAgo(Math.floor(rnd() * 400));
    const resolved = status === 'resolved' || status === 'wont_fix';
    const score = scoreItem(v, [], quorum, SLOT);
    items.push({
      item: item(MAX_ID - i, {
        title: i % 2 === 0 ? evil(150) : MAX_DENSE_TITLE,
        category: CATEGORY_VALUES[i % CATEGORY_VALUES.length] ?? 'other',
        status,
        createdAt,
        resolvedAt: resolved ? daysAgo(rnd() * 14) : null,
        resolvedBy: resolved ? `U${String(i % 50).padStart(8, '0')}` : null,
        resolvedInterest: status === 'resolved' ? score.interest : null,
        card: i % 5 === 0 ? null : { ts: `1764489600.${String(i).padStart(6, '0')}`, orphaned: i % 5 === 1 },
      }),
      score,
      lastActivityAt: voters === 0 ? null : daysAgo(Math.floor(rnd() * 200)),
    });
    allVotes.push(v);
  }
  return { items, votes: allVotes };
}

/** The busiest digest: maximal channel, capacity, topN 10, a snapshot and a run of missed weeks. */
export function maximalInput(count = 10_000, channel: MaximalChannel = maximalChannel(count)): DigestInput {
  return input(channel.items, {
    settings: settings({ topN: 10, capacityHours: 10_000, budgetPercent: 100 }),
    lastSnapshot: { week: '2026-W47', interest: 123_456.789 },
    missedWeeks: ['2026-W40', '2026-W41', '2026-W42', '2026-W43', '2026-W44', '2026-W45', '2026-W46'],
  });
}
