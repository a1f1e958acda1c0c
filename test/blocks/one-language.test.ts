// SPEC §2.5 "all surfaces speak one language": one label per level and size, one time format, titles cut at
// a word, working days as the unit under a week, and pointers to commands that do what they say.
import { describe, expect, it } from 'vitest';
import {
  effortText,
  itemLabel,
  levelText,
  missingVotesText,
  paybackText,
  scoreLine,
  slackDate,
  threadUrl,
} from '../../blocks/format.ts';
import { buildItemDetail } from '../../blocks/item-detail.ts';
import { buildItemList, type ItemListModel, type ListEntry, topHeading } from '../../blocks/item-list.ts';
import { escapeAndTruncateAtWord, escapeMrkdwn, truncateAtWord } from '../../blocks/kit.ts';
import type { Level } from '../../src/domain/scales.ts';
import { type Score, scoreItem, type Vote } from '../../src/domain/scoring.ts';
import { checkEscaped } from '../../src/sandbox/fake-slack/payload-rules.ts';
import { CHANNEL, makeItem, NOW } from './fixtures.ts';
import { messageProblems, mrkdwnProblems, renderedText } from './problems.ts';

const WORKSPACE = 'https://acme.slack.com/';

const vote = (userId: string, dimension: Vote['dimension'], level: Level): Vote => ({
  userId,
  dimension,
  level,
});
/** Two voters (quorum 2): severity 3 → 4 h, frequency 3 → 1 a week, effort as given. */
function scored(effort: Level | null = 3, quorum = 2): Score {
  const votes = ['U0VOTER001', 'U0VOTER002'].flatMap((u) => [
    vote(u, 'severity', 3),
    vote(u, 'frequency', 3),
    ...(effort ? [vote(u, 'effort', effort)] : []),
  ]);
  return scoreItem(votes, [], quorum, NOW);
}

describe('labels: one format per thing (format.ts)', () => {
  it('effort is size then hours; a median between sizes names both; an assumed M says so', () => {
    expect(effortText(24, true)).toBe('M (24 h)');
    expect(effortText(2, true)).toBe('XS (2 h)');
    expect(effortText(16, true)).toBe('S–M (16 h)');
    expect(effortText(24, false)).toBe('M? (24 h assumed)');
    expect(levelText('effort', 5)).toBe('XL (120 h)');
  });

  it('severity and frequency levels are "number · name"', () => {
    expect(levelText('severity', 3)).toBe('3 · Moderate');
    expect(levelText('frequency', 4)).toBe('4 · Daily');
    expect(levelText('frequency', 5)).toBe('5 · Many times a day');
  });

  it('names the vote an unscored item lacks', () => {
    const s = (votes: Vote[]) => scoreItem(votes, [], 2, NOW);
    expect(missingVotesText(s([vote('U1', 'severity', 3)]))).toBe('needs a frequency vote');
    expect(missingVotesText(s([vote('U1', 'frequency', 3)]))).toBe('needs a severity vote');
    expect(missingVotesText(s([]))).toBe('needs severity and frequency votes');
    expect(missingVotesText(scored())).toBeNull();
  });

  it('the score line reads like the card line of SPEC §2.3', () => {
    expect(scoreLine(scored())).toBe(
      '4 h/week · fix M (24 h) · pays back in 6 weeks · medium confidence, 2 voters',
    );
    expect(scoreLine(scoreItem([vote('U1', 'severity', 3)], [], 2, NOW))).toBe(
      'needs a frequency vote · fix M? (24 h assumed) · 1 voter',
    );
  });
});

describe('payback units: working days, 5 a week, as frequency reads *Daily*', () => {
  const withPayback = (paybackWeeks: number, effortKnown = true): Score => ({
    ...scored(),
    paybackWeeks,
    effortKnown,
  });

  it('under a week in working days, never calendar days', () => {
    expect(paybackText(withPayback(0.6))).toBe('3 working days');
    expect(paybackText(withPayback(0.2))).toBe('1 working day');
    expect(paybackText(withPayback(0.1))).toBe('under a working day');
  });

  it('a week or more in weeks, singular when one', () => {
    expect(paybackText(withPayback(1))).toBe('1 week');
    expect(paybackText(withPayback(6, false))).toBe('6 weeks (effort?)');
  });
});

describe('times: one format (slackDate)', () => {
  it('is a Slack date token with a "4 Dec 2026 18:58 UTC" fallback', () => {
    const at = new Date('2026-12-04T18:58:30Z');
    const unix = Math.floor(at.getTime() / 1000);
    expect(slackDate(at)).toBe(`<!date^${unix}^{date_short_pretty} {time}|4 Dec 2026 18:58 UTC>`);
    expect(slackDate(at.toISOString())).toBe(slackDate(at));
  });

  it('writes the fallback in a given zone, and falls back to UTC for an unknown one', () => {
    const at = new Date('2026-12-04T18:58:00Z');
    expect(slackDate(at, 'America/New_York')).toContain('|4 Dec 2026 13:58 America/New_York>');
    expect(slackDate(at, 'Not/AZone')).toContain('|4 Dec 2026 18:58 UTC>');
    expect(slackDate(new Date('2026-09-01T00:00:00Z'))).toContain('|1 Sep 2026 00:00 UTC>');
  });

  it('is accepted by the escaping checks, while a date token typed by a user stays inert', () => {
    const token = slackDate(new Date('2026-12-04T18:58:00Z'));
    expect(checkEscaped({ text: `seen ${token}` })).toEqual([]);
    expect(mrkdwnProblems({ text: `seen ${token}` })).toEqual([]);
    // The checks still catch a real special mention next to an allowed token.
    expect(checkEscaped({ text: `${token} <!channel>` })).not.toEqual([]);
    const typed = '<!date^1700000000^{date}|forged> <!here>';
    expect(checkEscaped({ text: escapeMrkdwn(typed) }, [typed])).toEqual([]);
    expect(escapeMrkdwn(typed)).not.toContain('<!');
  });
});

describe('titles cut at a word boundary (kit.ts)', () => {
  it('cuts between words, with an ellipsis', () => {
    const title = 'Nobody can retrain the ranking model from last quarter';
    expect(truncateAtWord(title, 30)).toBe('Nobody can retrain the…');
    expect(truncateAtWord(title, 200)).toBe(title);
    // The cut falling exactly on a space keeps the whole last word.
    expect(truncateAtWord('retrain the ranking model', 12)).toBe('retrain the…');
  });

  it('cuts a single over-long word hard, never splitting an emoji', () => {
    expect(truncateAtWord('x'.repeat(50), 10)).toBe(`${'x'.repeat(9)}…`);
    const out = truncateAtWord('🙈'.repeat(20), 10);
    expect(out.length).toBeLessThanOrEqual(10);
    expect(out).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it('never leaves half an entity, wherever the cut falls', () => {
    for (const text of ['a&b<c>d '.repeat(30), '<&>🙈'.repeat(40), 'word & <word> '.repeat(20)]) {
      for (let max = 2; max < 120; max += 1) {
        const out = escapeAndTruncateAtWord(text, max);
        expect(out.length, `${max}`).toBeLessThanOrEqual(max);
        expect(mrkdwnProblems({ text: out }), `${max}: ${out}`).toEqual([]);
      }
    }
  });

  it('item labels use it', () => {
    const item = makeItem({ id: 7, title: 'Nobody can retrain the ranking model from last quarter' });
    expect(itemLabel(item, 30)).toBe('*DEBT-7* Nobody can retrain the…');
  });
});

describe('/debt top and /debt list (item-list.ts)', () => {
  const item = makeItem({ id: 7, title: 'Flaky backfill', component: '' });
  const model = (entries: ListEntry[], overrides: Partial<ItemListModel> = {}): ItemListModel => ({
    heading: topHeading(entries.length, entries.length, CHANNEL),
    entries,
    page: 1,
    totalEntries: entries.length,
    pageSize: 5,
    pagingState: null,
    emptyText: 'Nothing here.',
    ...overrides,
  });

  it('heads the top list by what it shows', () => {
    expect(topHeading(1, 1, CHANNEL)).toBe(`Top 1 in <#${CHANNEL}>`);
    expect(topHeading(5, 12, CHANNEL)).toBe(`Top 5 of 12 in <#${CHANNEL}>`);
    expect(topHeading(0, 0, CHANNEL)).not.toMatch(/Top 0/);
  });

  it('one ranked item: no page footer and no "needs votes" legend', () => {
    const msg = buildItemList(model([{ item, score: scored() }]));
    const text = renderedText(msg);
    expect(text).toContain(`*Top 1 in <#${CHANNEL}>*`);
    expect(text).not.toMatch(/Page \d+ of/);
    expect(text).not.toContain('needs votes');
    expect(text).toContain('1 item · ranked by priority');
  });

  it('explains the "•" rows only when an unranked item is shown', () => {
    const unranked = scoreItem([vote('U1', 'severity', 3)], [], 2, NOW);
    const text = renderedText(buildItemList(model([{ item, score: unranked }])));
    expect(text).toContain('• *DEBT-7*');
    expect(text).toContain('• = needs votes: not ranked yet, so listed last');
    expect(text).toContain('needs a frequency vote');
  });

  it('shows a page footer only with several pages, and the hint when given', () => {
    const entries = [{ item, score: scored() }];
    const text = renderedText(
      buildItemList(
        model(entries, { totalEntries: 12, pageSize: 10, hint: '`/debt list` ranks every open item' }),
      ),
    );
    expect(text).toContain('Page 1 of 2 · 12 items');
    expect(text).toContain('`/debt list` ranks every open item');
  });

  it('links each id to its card thread when the workspace URL is known', () => {
    const url = threadUrl(item, WORKSPACE);
    expect(url).toBe(`${WORKSPACE}archives/${CHANNEL}/p1719745200000100`);
    const linked = buildItemList(model([{ item, score: scored() }], { workspaceUrl: WORKSPACE }));
    expect(renderedText(linked)).toContain(`1. *<${url}|DEBT-7>* Flaky backfill`);
    expect(messageProblems(linked)).toEqual([]);
    const orphan = makeItem({ id: 8, card: { ts: '1.2', orphaned: true } });
    expect(
      renderedText(buildItemList(model([{ item: orphan, score: scored() }], { workspaceUrl: WORKSPACE }))),
    ).toContain('*DEBT-8*');
    expect(renderedText(buildItemList(model([{ item, score: scored() }])))).toContain('1. *DEBT-7* Flaky');
  });
});

describe('/debt show (item-detail.ts)', () => {
  const PERMALINK = 'https://acme.slack.com/archives/C0CHANNEL01/p1719745200000100';
  const detail = (score: Score, permalink: string | null, item = makeItem({ id: 7, status: 'open' })) =>
    buildItemDetail({ item, score, votes: [], history: [], permalink, now: NOW });

  it('names the interest, its factors and what they are', () => {
    const text = renderedText(detail(scored(), PERMALINK));
    expect(text).toContain(
      'Interest 4 h/week = severity 4 h (median) × frequency 1 a week (median); fix M (24 h)',
    );
    expect(text).not.toMatch(/Median severity|×\s*1\/week/);
    expect(text).not.toContain('*Votes*  ');
  });

  it('says where to vote: the card’s thread in its channel, linked when there is a permalink', () => {
    expect(renderedText(detail(scored(), PERMALINK))).toContain(
      `Vote in <${PERMALINK}|the card's thread> in <#${CHANNEL}>.`,
    );
    expect(renderedText(detail(scored(), null))).toContain(`Vote in the card's thread in <#${CHANNEL}>.`);
    expect(renderedText(detail(scored(), null))).not.toContain('vote in the thread');
    const closed = makeItem({ id: 7, status: 'resolved' });
    expect(renderedText(detail(scored(), null, closed))).toContain(
      'Voting is frozen while the item is resolved.',
    );
  });

  it('says what an unscored item lacks', () => {
    const text = renderedText(detail(scoreItem([vote('U1', 'frequency', 2)], [], 2, NOW), null));
    expect(text).toContain('Not scored yet: it needs a severity vote.');
  });

  it('dates history in the one time format', () => {
    const msg = buildItemDetail({
      item: makeItem({ id: 7 }),
      score: scored(),
      votes: [],
      history: [
        {
          v: 1,
          kind: 'filed',
          actorId: 'U0ACTOR001',
          at: '2026-12-04T18:58:00.000Z',
          detail: '',
          subjectId: null,
          note: '',
        },
      ],
      permalink: null,
      now: NOW,
    });
    expect(renderedText(msg)).toContain(
      `*History*\n${slackDate('2026-12-04T18:58:00.000Z')} · filed by <@U0ACTOR001>`,
    );
    expect(messageProblems(msg)).toEqual([]);
  });
});
