// An item scored only by pain reports (SPEC §1.4: measured interest scores it, and its reporters count
// toward quorum) as every surface shows it: the measured figure, ranked, never "needs votes", null or NaN.
import { describe, expect, it } from 'vitest';
import { buildCard } from '../../blocks/card.ts';
import { buildDigestMessage } from '../../blocks/digest.ts';
import { buildItemDetail } from '../../blocks/item-detail.ts';
import { buildItemList } from '../../blocks/item-list.ts';
import type { Message } from '../../blocks/kit.ts';
import { buildDigestModel } from '../../src/domain/digest.ts';
import { type PainReport, scoreItem } from '../../src/domain/scoring.ts';
import { daysAgo, entry, input, item, ranked, SLOT } from './digest-fixtures.ts';
import { messageProblems, renderedText } from './problems.ts';

// UA 2 h 1 day ago, UB 3 h 2 days ago, UA 5 h 3 days ago: 3 reports from 2 people → (2 + 3 + 5) / 4 = 2.5 h/week.
const PAIN: PainReport[] = [
  { userId: 'UA0000001', hours: 2, at: daysAgo(1) },
  { userId: 'UB0000001', hours: 3, at: daysAgo(2) },
  { userId: 'UA0000001', hours: 5, at: daysAgo(3) },
];
// No severity or frequency votes; quorum 2 is met by the two reporters.
const measured = scoreItem([], PAIN, 2, SLOT);
const debt = item(7, { title: 'Flaky feature backfill' });

/** Everything a person or a notification could read: block mrkdwn, plain text and the fallback. */
const everything = (msg: Message) => `${msg.text}\n${JSON.stringify(msg.blocks)}`;

/** `legend`: fixed wording of the surface that may name "needs votes" items in general, not this one. */
function expectMeasuredNotMissing(msg: Message, legend = ''): void {
  expect(messageProblems(msg, [])).toEqual([]);
  const all = everything(msg);
  expect(all).toContain('2.5 h/week (measured)');
  expect(legend ? all.replace(legend, '') : all).not.toMatch(/needs votes/i);
  expect(all).not.toMatch(/\bnull\b|\bNaN\b|\bundefined\b/);
  expect(all).not.toMatch(/\b0 h\/week/);
}

describe('an item with measured interest and no votes', () => {
  it('is scored and ranked with 0 voters and 2 people toward quorum', () => {
    expect(measured).toMatchObject({
      scored: true,
      ranked: true,
      measured: true,
      interest: 2.5,
      voters: 0,
      quorumCount: 2,
      severityHours: null,
      frequencyPerWeek: null,
    });
  });

  it('the card shows the measured interest, a payback and a confidence', () => {
    const msg = buildCard({ item: debt, score: measured, pain: PAIN });
    expectMeasuredNotMissing(msg);
    const text = renderedText(msg);
    // effort default 24 h / 2.5 h/week = 9.6 weeks, with the effort marked as assumed
    expect(text).toContain(
      '2.5 h/week (measured) · fix M? (24 h assumed) · pays back in 9.6 weeks · medium confidence',
    );
    expect(msg.text).toContain('2.5 h/week (measured)');
  });

  it('the list row is numbered as ranked and shows the measured interest', () => {
    const msg = buildItemList({
      heading: 'Open debt',
      entries: [{ item: debt, score: measured }],
      page: 1,
      totalEntries: 1,
      pageSize: 10,
      pagingState: null,
      emptyText: 'Nothing here.',
    });
    // A ranked row only: no "needs votes" legend, no page footer for one page.
    expectMeasuredNotMissing(msg);
    expect(renderedText(msg)).toContain(
      '1. *DEBT-7* Flaky feature backfill\nPipelines &amp; glue code · Open\n2.5 h/week (measured) · fix M? (24 h assumed) · pays back in 9.6 weeks · medium confidence, 0 voters',
    );
  });

  it('the detail says the interest is measured, not a median of votes, and who made quorum', () => {
    const msg = buildItemDetail({
      item: debt,
      score: measured,
      votes: [],
      pain: PAIN,
      history: [],
      permalink: null,
      now: SLOT,
    });
    expectMeasuredNotMissing(msg);
    const text = renderedText(msg);
    expect(text).toContain(
      'Measured interest 2.5 h/week (hours reported in the last 28 days ÷ 4 weeks); no severity and frequency votes yet; fix M? (24 h assumed)',
    );
    expect(text).toContain(
      'Quorum counts 2 people: 0 voters and those who reported pain in the last 28 days',
    );
    expect(text).not.toContain('(median)');
    expect(text).not.toContain('Not scored yet');
  });

  it('the detail of a measured item with votes names both figures', () => {
    // one voter: sev 3 → 4 h, freq 3 → 1/week; the measured 2.5 replaces the voted 4
    const score = scoreItem(
      [
        { userId: 'UV0000001', dimension: 'severity', level: 3 },
        { userId: 'UV0000001', dimension: 'frequency', level: 3 },
      ],
      PAIN,
      3,
      SLOT,
    );
    expect(score.quorumCount).toBe(3);
    const text = renderedText(
      buildItemDetail({ item: debt, score, votes: [], pain: PAIN, history: [], permalink: null, now: SLOT }),
    );
    expect(text).toContain(
      'Measured interest 2.5 h/week (hours reported in the last 28 days ÷ 4 weeks), in place of the voted 4 h/week = severity 4 h (median) × frequency 1 a week (median)',
    );
    expect(text).toContain('Quorum counts 3 people: 1 voter and those who reported pain');
  });

  it('the digest lists it under Next up with its measured interest, and has no "Needs votes" section', () => {
    // another ranked item at 4 h/week (sev 3 × freq 3, 2 voters) ranks above it: 4/24 > 2.5/24
    const model = buildDigestModel(
      input([entry(1, ranked()), { item: debt, score: measured, lastActivityAt: null }]),
    );
    expect(model.nextUp?.entries.map((e) => e.item.id)).toEqual([1, 7]);
    expect(model.needsVotes ?? null).toBeNull();
    const msg = buildDigestMessage(model, { workspaceUrl: null });
    expectMeasuredNotMissing(msg);
    const text = renderedText(msg);
    expect(text).toContain(
      '2. *DEBT-7* Flaky feature backfill\nPipelines &amp; glue code · 2.5 h/week (measured) · fix M? (24 h assumed) · pays back in 9.6 weeks · medium confidence',
    );
    // both items have an interest: 4 + 2.5
    expect(text).toContain('2 open items cost *6.5 h/week*');
    expect(text).not.toContain('without an estimate');
  });
});
