// Maximal inputs for the Block Kit builders: every user-text field at its SPEC §1.1 limit, full of the
// characters §2.7 says must never reach Slack raw (`<`, `>`, `&`), special mentions, forged links and emoji.
import {
  HISTORY_KINDS,
  type HistoryEvent,
  HistoryEventSchema,
  type Item,
  ItemSchema,
  LIMITS,
} from '../../src/domain/item.ts';
import type { Dimension, Level } from '../../src/domain/scales.ts';
import { type PainReport, type Score, scoreItem, type Vote } from '../../src/domain/scoring.ts';

export const NOW = new Date('2025-06-30T12:00:00.000Z');
export const TEAM = 'T0TEAM0001';
export const CHANNEL = 'C0CHANNEL01';
export const REPORTER = 'U0REPORTER1';
export const OWNER = 'U0OWNER0001';
/** The largest id the parser accepts (9 digits): the longest `DEBT-…` label. */
export const MAX_ID = 999_999_999;

/** Each of these must come out inert: a ping, a user mention, a forged link, a bare entity start. */
export const EVIL_ATOMS = [
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<@U123>',
  '<@U123|bob>',
  '<#C123>',
  '<http://evil.example|click>',
  '<&>',
  '& co',
] as const;

const EVIL_UNIT = '<!channel> <&>🙈 <@U123|bob> & co <http://evil.example|click> <!here> ';

/**
 * `pattern` repeated to exactly `length` UTF-16 units; a cut that would split an emoji is padded with `x`
 * instead, so the fixture itself is always well-formed text.
 */
export function fill(pattern: string, length: number): string {
  let out = '';
  while (out.length < length) out += pattern;
  out = out.slice(0, length);
  const last = out.charCodeAt(out.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) out = `${out.slice(0, -1)}x`;
  return out;
}

export const evil = (length: number): string => fill(EVIL_UNIT, length);
/** The brief's pattern: 5 UTF-16 units, so an emoji straddles many cut points. */
export const dense = (length: number): string => fill('<&>🙈', length);

export const MAX_TITLE = evil(LIMITS.titleMax);
export const MAX_DESCRIPTION = dense(LIMITS.descriptionMax);
export const MAX_COMPONENT = evil(LIMITS.componentMax);
/** Links are validated to http(s) without `<>|` on the way in (filing-state.ts); the builder must not rely on it. */
export const MAX_LINKS = Array.from({ length: LIMITS.linksMax }, (_, i) =>
  fill(`https://example.com/${i}/<!channel>|<@U123>?a=1&b=<&>🙈&`, LIMITS.linkMax),
);

/** Strings checkEscaped must never find verbatim in rendered text. */
export const TAINTED: readonly string[] = [
  ...EVIL_ATOMS,
  MAX_TITLE,
  MAX_DESCRIPTION,
  MAX_COMPONENT,
  ...MAX_LINKS,
];

export function makeItem(overrides: Partial<Item> = {}): Item {
  return ItemSchema.parse({
    v: 1,
    id: MAX_ID,
    teamId: TEAM,
    channelId: CHANNEL,
    channelVisibility: 'public',
    title: MAX_TITLE,
    description: MAX_DESCRIPTION,
    category: 'experiment',
    component: MAX_COMPONENT,
    links: MAX_LINKS,
    reporterId: REPORTER,
    ownerId: OWNER,
    status: 'in_progress',
    votingClosed: false,
    createdAt: '2025-01-01T09:00:00.000Z',
    updatedAt: '2025-06-30T11:00:00.000Z',
    resolvedAt: null,
    card: { ts: '1719745200.000100', orphaned: false },
    panelTs: '1719745201.000200',
    ...overrides,
  });
}

export const HISTORY_KINDS_ALL = HISTORY_KINDS;

/** `count` events cycling through every kind, each with a maximal note and an over-long, hostile detail. */
export function makeHistory(count = 200): HistoryEvent[] {
  return Array.from({ length: count }, (_, i) => {
    const kind = HISTORY_KINDS_ALL[i % HISTORY_KINDS_ALL.length] ?? 'edited';
    const at = new Date(Date.parse('2025-01-01T09:00:00.000Z') + i * 3_600_000).toISOString();
    return HistoryEventSchema.parse({
      v: 1,
      kind,
      actorId: `U${String(i).padStart(9, '0')}`,
      at,
      detail: evil(500),
      subjectId: kind === 'assigned' ? OWNER : null,
      note: dense(LIMITS.noteMax),
    });
  });
}

/** `users` voters in every dimension; levels spread 1–5 so the item also "needs discussion". */
export function makeVotes(users = 60, levelOf: (i: number) => Level = (i) => ((i % 5) + 1) as Level): Vote[] {
  const dims: Dimension[] = ['severity', 'frequency', 'effort'];
  return Array.from({ length: users }, (_, i) =>
    dims.map((dimension) => ({ userId: `U${String(i).padStart(9, '0')}`, dimension, level: levelOf(i) })),
  ).flat();
}

export function makeReports(count = 30): PainReport[] {
  return Array.from({ length: count }, (_, i) => ({
    userId: `U${String(i % 7).padStart(9, '0')}`,
    hours: 168,
    at: new Date(NOW.getTime() - (i + 1) * 3_600_000).toISOString(),
  }));
}

export const score = (votes: Vote[] = makeVotes(), reports: PainReport[] = []): Score =>
  scoreItem(votes, reports, 2, NOW);

/** The score variants a card can show: unscored, voted with disagreement, unanimous, measured, tiny. */
export function scoreVariants(): Record<string, Score> {
  return {
    unscored: score([]),
    effortOnly: score(makeVotes(3).filter((v) => v.dimension === 'effort')),
    disputed: score(makeVotes(60)),
    unanimous: score(makeVotes(60, () => 5)),
    tiny: score(makeVotes(60, () => 1)),
    measured: score(makeVotes(60), makeReports()),
    measuredUnscored: score([], makeReports()),
  };
}
